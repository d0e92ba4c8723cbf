namespace Connections.Domain.Messages;

/// <summary>
/// A synced message. Unique per connection, channel and platform id, so the polling path and the real-time path
/// (Slack Events) store each message once; an edit updates it in place.
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
        DateTimeOffset? editedAt,
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
        message.Apply(authorId, authorName, text, editedAt);
        return message;
    }

    /// <summary>
    /// Applies what the platform says now (a null author or edit time keeps what is stored); returns true only when
    /// something actually changed (an edit).
    /// </summary>
    public bool Update(string? authorId, string? authorName, string text, DateTimeOffset? editedAt)
    {
        var newAuthorId = authorId ?? AuthorId;
        var newAuthorName = authorName ?? AuthorName;
        var newText = text ?? string.Empty;
        var newEditedAt = editedAt ?? EditedAt;
        if (newAuthorId == AuthorId && newAuthorName == AuthorName && newText == Text && newEditedAt == EditedAt)
        {
            return false;
        }

        Apply(newAuthorId, newAuthorName, newText, newEditedAt);
        return true;
    }

    private void Apply(string? authorId, string? authorName, string text, DateTimeOffset? editedAt)
    {
        AuthorId = authorId;
        AuthorName = authorName;
        Text = text ?? string.Empty;
        SearchText = Text.ToLowerInvariant();
        EditedAt = editedAt;
    }
}
