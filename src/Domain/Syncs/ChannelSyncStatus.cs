namespace Connections.Domain.Syncs;

/// <summary>How one channel fared in a run. Wire names lower case.</summary>
public enum ChannelSyncStatus
{
    Pending = 1,
    Succeeded = 2,
    /// <summary>Rate limited for longer than a worker should wait: resumes from its cursor next run.</summary>
    Paused = 3,
    /// <summary>The bot can no longer read it (removed from the channel, permissions changed).</summary>
    Inaccessible = 4,
    Failed = 5,
}
