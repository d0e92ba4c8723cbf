namespace Connections.Infrastructure.Persistence;

/// <summary>One Data Protection key, as XML, stored in the database so every instance shares the key ring.</summary>
public sealed class DataProtectionKeyRow
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = string.Empty;
}
