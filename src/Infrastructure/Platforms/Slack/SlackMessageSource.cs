using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.Extensions.Logging;

namespace Connections.Infrastructure.Platforms.Slack;

/// <summary>
/// Reads a Slack channel with <c>conversations.history</c> (<c>oldest</c> = the cursor, exclusive) and, for every
/// thread parent on a page, its replies with <c>conversations.replies</c> (all of their pages).
/// </summary>
/// <remarks>
/// <para>
/// Slack pages come newest first, so a pass can only be checkpointed once it is complete: the last page carries the
/// newest top-level <c>ts</c> of the pass (from the first page, carried inside the opaque page token); a pass that
/// finds nothing hands the incoming cursor back. Thread replies do not move the checkpoint: a reply can be newer than
/// top-level messages not read yet (posted during the pass), and skipping those would lose them.
/// </para>
/// <para>
/// Kept: plain messages, <c>bot_message</c>, <c>me_message</c>, <c>thread_broadcast</c> and <c>file_share</c>. Every
/// other subtype (<c>channel_join</c>, <c>channel_leave</c>, <c>channel_topic</c>, <c>channel_purpose</c>,
/// <c>channel_name</c>, <c>channel_archive</c>, <c>pinned_item</c>, <c>tombstone</c>, …) is the channel talking about
/// itself, not content, and is skipped — but still counts for the checkpoint.
/// </para>
/// <para>
/// Known limit of Slack's API: a reply posted later to a thread whose parent is older than the cursor is not seen by
/// <c>oldest=</c> (history lists only top-level messages); catching those needs the Events API.
/// </para>
/// </remarks>
public sealed class SlackMessageSource : IMessageSource
{
    private const string PlatformName = "Slack";
    private const int MaxReplyPages = 1_000;

    private static readonly HashSet<string> ContentSubtypes = new(StringComparer.Ordinal)
    {
        "bot_message", "me_message", "thread_broadcast", "file_share",
    };

    private readonly SlackClient _client;
    private readonly ILogger<SlackMessageSource> _logger;

    public SlackMessageSource(SlackClient client, ILogger<SlackMessageSource> logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    public Platform Platform => Platform.Slack;

    /// <exception cref="ArgumentException">An empty channel id, a cursor that is not a Slack ts, or a page token this source did not issue.</exception>
    public async Task<Result<MessagePage>> GetPageAsync(
        PlatformCredentials credentials, string channelId, string? cursor, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        if (cursor is not null && !SlackTimestamp.TryParse(cursor, out _))
        {
            throw new ArgumentException("The cursor is not a Slack ts.", nameof(cursor));
        }

        var resume = PageToken.Decode(pageToken);
        var history = await _client.GetHistoryPageAsync(credentials.BotToken, channelId, cursor, resume?.SlackCursor, cancellationToken);
        if (history.IsFailure)
        {
            return history.Error;
        }

        var newest = resume?.Newest;
        var messages = new List<PlatformMessage>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in history.Value.Messages)
        {
            if (!SlackTimestamp.TryParse(message.Ts, out _))
            {
                return PlatformFailures.Unreadable(PlatformName, "conversations.history sent a message without a valid ts");
            }

            newest = SlackTimestamp.Latest(newest, message.Ts);
            Keep(message, channelId, messages, seen);
            if (message.ReplyCount > 0)
            {
                var threadTs = message.ThreadTs ?? message.Ts!;
                var replies = await CollectRepliesAsync(credentials.BotToken, channelId, threadTs, messages, seen, cancellationToken);
                if (replies.IsFailure)
                {
                    return replies.Error;
                }
            }
        }

        if (history.Value.NextCursor is { } next)
        {
            return new MessagePage(messages, PageToken.Encode(new PageToken(next, newest)), Checkpoint: null);
        }

        return new MessagePage(messages, NextPageToken: null, Checkpoint: SlackTimestamp.Latest(newest, cursor));
    }

    /// <summary>Every reply of a thread (all pages), the parent left out: it came with the history page.</summary>
    private async Task<Result> CollectRepliesAsync(
        string token, string channelId, string threadTs, List<PlatformMessage> messages, HashSet<string> seen, CancellationToken cancellationToken)
    {
        string? replyCursor = null;
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; page < MaxReplyPages; page++)
        {
            var replies = await _client.GetRepliesPageAsync(token, channelId, threadTs, replyCursor, cancellationToken);
            if (replies.IsFailure)
            {
                return replies.Error;
            }

            foreach (var reply in replies.Value.Messages.Where(r => r.Ts != threadTs))
            {
                if (!SlackTimestamp.TryParse(reply.Ts, out _))
                {
                    return PlatformFailures.Unreadable(PlatformName, "conversations.replies sent a message without a valid ts");
                }

                Keep(reply with { ThreadTs = reply.ThreadTs ?? threadTs }, channelId, messages, seen);
            }

            replyCursor = replies.Value.NextCursor;
            if (replyCursor is null)
            {
                return Result.Success();
            }

            if (!cursors.Add(replyCursor))
            {
                return PlatformFailures.Unreadable(PlatformName, "conversations.replies repeated a page cursor");
            }
        }

        _logger.LogWarning("Slack conversations.replies: stopped after {MaxPages} pages of one thread", MaxReplyPages);
        return Result.Success();
    }

    private static void Keep(SlackMessage message, string channelId, List<PlatformMessage> messages, HashSet<string> seen)
    {
        if ((message.Subtype is null || ContentSubtypes.Contains(message.Subtype)) && seen.Add(message.Ts!))
        {
            messages.Add(ToPlatformMessage(message, channelId));
        }
    }

    private static PlatformMessage ToPlatformMessage(SlackMessage message, string channelId)
    {
        // Callers checked the ts already.
        _ = SlackTimestamp.TryParse(message.Ts, out var sentAt);
        DateTimeOffset? editedAt = SlackTimestamp.TryParse(message.Edited?.Ts, out var edited) ? SlackTimestamp.ToTime(edited) : null;
        return new PlatformMessage(
            message.Ts!,
            channelId,
            message.User ?? message.BotId,
            message.Username,
            message.Text ?? "",
            SlackTimestamp.ToTime(sentAt),
            message.ThreadTs,
            editedAt);
    }

    /// <summary>Where a pass stands: Slack's cursor for the next page and the newest ts seen so far. Opaque base64url JSON.</summary>
    private sealed record PageToken(
        [property: JsonPropertyName("c")] string SlackCursor,
        [property: JsonPropertyName("n")] string? Newest)
    {
        public static string Encode(PageToken token) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(token));

        public static PageToken? Decode(string? value)
        {
            if (value is null)
            {
                return null;
            }

            try
            {
                var token = JsonSerializer.Deserialize<PageToken>(Base64Url.DecodeFromChars(value));
                if (token is { SlackCursor.Length: > 0 } && (token.Newest is null || SlackTimestamp.TryParse(token.Newest, out _)))
                {
                    return token;
                }
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
            }

            throw new ArgumentException("The page token was not issued by the Slack message source.", nameof(value));
        }
    }
}
