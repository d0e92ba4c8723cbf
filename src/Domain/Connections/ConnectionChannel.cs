namespace Connections.Domain.Connections;

/// <summary>A channel of a connection's catalog, as last discovered on the platform, and whether it is synced.</summary>
public sealed class ConnectionChannel
{
    private ConnectionChannel()
    {
    }

    internal ConnectionChannel(string connectionId, DiscoveredChannel channel, bool syncEnabled, DateTimeOffset now)
    {
        ConnectionId = connectionId;
        ChannelId = channel.Id;
        SyncEnabled = syncEnabled;
        DiscoveredAt = now;
        Update(channel, now);
    }

    public string ConnectionId { get; private set; } = null!;

    /// <summary>The platform's channel id (Slack <c>C…</c>, Discord snowflake).</summary>
    public string ChannelId { get; private set; } = null!;

    public string Name { get; private set; } = null!;

    public bool IsPrivate { get; private set; }

    public int? MemberCount { get; private set; }

    /// <summary>False when discovery found the bot may see the channel but not read its history.</summary>
    public bool CanReadHistory { get; private set; } = true;

    public bool SyncEnabled { get; private set; }

    public DateTimeOffset DiscoveredAt { get; private set; }

    public DateTimeOffset RefreshedAt { get; private set; }

    /// <summary>The history checkpoint: every message at or before it is stored. Null before the first sync.</summary>
    public string? SyncCursor { get; private set; }

    public DateTimeOffset? LastSyncedAt { get; private set; }

    /// <summary>Why the last sync of this channel could not read it (e.g. INSUFFICIENT_PERMISSIONS), null when it could.</summary>
    public ConnectionErrorCode? SyncErrorCode { get; private set; }

    /// <summary>
    /// Where an unfinished pass over the history stands (the platform's page token after the last stored page), so a
    /// run stopped by a long rate limit or a crash continues the pass instead of starting it again. Null between passes.
    /// </summary>
    public string? SyncPassToken { get; private set; }

    /// <summary>Records how far the current pass got; every page before <paramref name="nextPageToken"/> is stored.</summary>
    public void SavePassProgress(string nextPageToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nextPageToken);
        SyncPassToken = nextPageToken;
    }

    /// <summary>Forgets an unfinished pass whose position the platform no longer accepts: the next run starts it again.</summary>
    public void AbandonPass() => SyncPassToken = null;

    /// <summary>Moves the checkpoint after the messages up to it were stored (in the same transaction).</summary>
    public void AdvanceCursor(string? checkpoint, DateTimeOffset now)
    {
        if (checkpoint is not null)
        {
            SyncCursor = checkpoint;
            SyncPassToken = null;
        }

        LastSyncedAt = now;
        SyncErrorCode = null;
    }

    /// <summary>Records that a sync could not read this channel; the cursor stays, so the next run resumes.</summary>
    public void MarkSyncFailed(ConnectionErrorCode code) => SyncErrorCode = code;

    internal void Update(DiscoveredChannel channel, DateTimeOffset now)
    {
        Name = channel.Name;
        IsPrivate = channel.IsPrivate;
        MemberCount = channel.MemberCount;
        CanReadHistory = channel.CanReadHistory;
        RefreshedAt = now;
    }

    internal void SetSyncEnabled(bool enabled) => SyncEnabled = enabled;
}

/// <summary>A channel as a platform reported it during discovery.</summary>
public sealed record DiscoveredChannel(string Id, string Name, bool IsPrivate, int? MemberCount, bool CanReadHistory = true);
