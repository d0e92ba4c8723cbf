using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.Domain.Messages;

namespace Connections.Application.Common.Interfaces;

/// <summary>A message as a platform reported it.</summary>
/// <param name="Id">The platform's id, unique within the channel: Slack <c>ts</c> (<c>"1700000000.000100"</c>), Discord snowflake.</param>
/// <param name="ChannelId">The channel it was posted in.</param>
/// <param name="AuthorId">Slack user id / Discord author id; null for system or bot messages without one.</param>
/// <param name="AuthorName">A display name when the platform includes one in the message (Discord), else null.</param>
/// <param name="Text">Slack <c>text</c>, Discord <c>content</c>.</param>
/// <param name="SentAt">When it was posted.</param>
/// <param name="ThreadId">Slack <c>thread_ts</c> of the thread it belongs to (also on the parent), Discord referenced/thread id; null otherwise.</param>
/// <param name="EditedAt">When it was last edited, if ever.</param>
/// <param name="EventAt">
/// When the platform emitted the event that delivered this version (Slack <c>event_ts</c>); null for a read of the
/// history, which carries the current version itself. With <paramref name="EditedAt"/> it orders versions (ADR 0017).
/// </param>
public sealed record PlatformMessage(
    string Id,
    string ChannelId,
    string? AuthorId,
    string? AuthorName,
    string Text,
    DateTimeOffset SentAt,
    string? ThreadId,
    DateTimeOffset? EditedAt,
    DateTimeOffset? EventAt = null)
{
    /// <summary>The version this message is, by the platform's ordering: a stored message only ever moves to a newer one.</summary>
    public MessageVersion Version => new(EditedAt, EventAt);
}

/// <summary>One page of a channel's history.</summary>
/// <param name="Messages">The messages of this page (any order).</param>
/// <param name="NextPageToken">Opaque: pass it back to get the next page of the same pass; null when the pass is complete.</param>
/// <param name="Checkpoint">
/// When not null, the channel cursor may be persisted as this value once this page's messages are stored (in the same
/// transaction): every message at or before it has then been stored. Slack pages come newest first, so only the last
/// page of a pass carries one; Discord pages (<c>after=</c>) carry one each.
/// </param>
public sealed record MessagePage(IReadOnlyList<PlatformMessage> Messages, string? NextPageToken, string? Checkpoint);

/// <summary>
/// Reads channel history incrementally. The engine starts a pass with the persisted cursor (null on first sync) and no
/// page token, stores each page, persists <see cref="MessagePage.Checkpoint"/> when given, and follows
/// <see cref="MessagePage.NextPageToken"/> until it is null. An interrupted pass restarts from the persisted cursor:
/// messages are stored idempotently (unique per connection, channel and id), so nothing is lost or duplicated.
/// Failures are <see cref="PlatformError"/>s (a channel the bot can no longer read is INSUFFICIENT_PERMISSIONS, a long
/// rate limit is RATE_LIMITED with RetryAfter); only cancellation throws.
/// </summary>
public interface IMessageSource
{
    Platform Platform { get; }

    /// <param name="credentials">The connection's credentials.</param>
    /// <param name="channelId">The channel to read.</param>
    /// <param name="cursor">The persisted checkpoint: only messages after it are wanted (exclusive); null for the full history.</param>
    /// <param name="pageToken">The previous page's <see cref="MessagePage.NextPageToken"/>, or null to start a pass.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    Task<Result<MessagePage>> GetPageAsync(
        PlatformCredentials credentials,
        string channelId,
        string? cursor,
        string? pageToken,
        CancellationToken cancellationToken);
}
