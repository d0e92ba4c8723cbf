namespace Connections.Domain.Common;

/// <summary>What an API key may do. Wire names are lower case.</summary>
public enum CallerRole
{
    /// <summary>Sees and manages only the connections they created.</summary>
    Member = 1,
    /// <summary>An organization owner: sees and manages everything, configures the Slack app.</summary>
    Owner = 2,
    /// <summary>A trusted integration acting for the organization: same reach as an owner.</summary>
    Application = 3,
}
