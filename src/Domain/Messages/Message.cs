namespace Connections.Domain.Messages;

/// <summary>
/// A synced message. Unique per connection, channel and platform id, so the polling path and the real-time path
/// (Slack Events) store each message once; a newer version (<see cref="MessageVersion"/>) updates it in place, an
/// older or equal one never does, whatever order events, retries and polls arrive in.
/// </summary>
public sealed class Message
{
    private Message()
    {
    }

    /// <summary>Surrogate key: stable keyset order for paging.</summary>
    public long Key { get; private set; }

    public string ConnectionId { get; private set; } = null!;

    public string ChannelId { get; private set; } = null!;

    /// <summary>Slack <c>ts</c>, Discord snowflake.</summary>
    public string PlatformId { get; private set; } = null!;

    public string? AuthorId { get; private set; }

    public string? AuthorName { get; private set; }

    public string Text { get; private set; } = null!;

    /// <summary>Lower-cased text for case-insensitive search.</summary>
    public string SearchText { get; private set; } = null!;

    public DateTimeOffset SentAt { get; private set; }

    public string? ThreadId { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    /// <summary>The event time of the stored version when an event delivered it (Slack <c>event_ts</c>); null when a poll did.</summary>
    public DateTimeOffset? EventAt { get; private set; }

    /// <summary>The stored version, by which a newer one is recognised.</summary>
    public MessageVersion Version => new(EditedAt, EventAt);

    public DateTimeOffset StoredAt { get; private set; }

    public static Message Create(
        string connectionId,
        string channelId,
        string platformId,
        string? authorId,
        string? authorName,
        string text,
        DateTimeOffset sentAt,
        string? threadId,
        MessageVersion version,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentException.ThrowIfNullOrWhiteSpace(platformId);
        var message = new Message
        {
            ConnectionId = connectionId,
            ChannelId = channelId,
            PlatformId = platformId,
            SentAt = sentAt,
            ThreadId = threadId,
            StoredAt = now,
        };
        message.Apply(authorId, authorName, text, version);
        return message;
    }

    /// <summary>
    /// Applies a version the platform reported, only when it is newer than the stored one
    /// (<see cref="MessageVersion.IsNewerThan"/>); a newer version missing its author keeps the stored author. Returns
    /// true only when it was applied: an older or equal version (a retry, a replay, a stale poll) changes nothing.
    /// </summary>
    public bool Update(string? authorId, string? authorName, string text, MessageVersion version)
    {
        if (!version.IsNewerThan(Version))
        {
            return false;
        }

        Apply(authorId ?? AuthorId, authorName ?? AuthorName, text, version);
        return true;
    }

    private void Apply(string? authorId, string? authorName, string text, MessageVersion version)
    {
        AuthorId = authorId;
        AuthorName = authorName;
        Text = text ?? string.Empty;
        SearchText = Text.ToLowerInvariant();
        EditedAt = version.EditedAt;
        EventAt = version.EventAt;
    }
}
