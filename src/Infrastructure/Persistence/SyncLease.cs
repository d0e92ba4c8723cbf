namespace Connections.Infrastructure.Persistence;

/// <summary>Which instance may sync a connection, until when (Unix milliseconds, so raw SQL compares plain numbers).</summary>
public sealed class SyncLease
{
    public string ConnectionId { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public long ExpiresAtMs { get; set; }
}
