using System.Globalization;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.Platforms.Discord;

/// <summary>
/// Reads a Discord channel forwards with <c>GET channels/{id}/messages?after=&lt;newest seen&gt;&amp;limit=…</c>.
/// </summary>
/// <remarks>
/// <para>
/// With <c>after=</c> Discord answers the <c>limit</c> messages right after the id (newest first within them), so every
/// page can be checkpointed: its largest snowflake, compared as a number (ids differ in length, so never as strings).
/// A full page means more may follow: its checkpoint is also the next page token. An empty page hands back the id it
/// started after (or null when there was none).
/// </para>
/// <para>
/// Kept: DEFAULT (0), REPLY (19), CHAT_INPUT_COMMAND (20) and CONTEXT_MENU_COMMAND (23). System messages (joins,
/// pins, boosts, thread-created notices, …) are skipped but still move the checkpoint.
/// </para>
/// <para>
/// A 401 here is AUTH_EXPIRED (a stored connection's token worked before: it was reset). Without
/// READ_MESSAGE_HISTORY Discord answers an empty list, which looks like "nothing new": the connector's probe is what
/// reports that permission missing.
/// </para>
/// </remarks>
public sealed class DiscordMessageSource : IMessageSource
{
    private static readonly HashSet<int> ContentTypes =
    [
        DiscordMessage.DefaultType, DiscordMessage.ReplyType, DiscordMessage.ChatInputCommandType, DiscordMessage.ContextMenuCommandType,
    ];

    private readonly DiscordClient _client;
    private readonly int _pageSize;

    public DiscordMessageSource(DiscordClient client, IOptions<PlatformsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _pageSize = options.Value.Discord.HistoryPageSize;
    }

    public Platform Platform => Platform.Discord;

    /// <exception cref="ArgumentException">An empty channel id, or a cursor or page token that is not a snowflake.</exception>
    public async Task<Result<MessagePage>> GetPageAsync(
        PlatformCredentials credentials, string channelId, string? cursor, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        var start = pageToken ?? cursor;
        ulong after = 0;
        if (start is not null && !ulong.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw new ArgumentException("The cursor or page token is not a Discord snowflake.", pageToken is null ? nameof(cursor) : nameof(pageToken));
        }

        var result = await _client.GetChannelMessagesAsync(credentials.BotToken, channelId, after, _pageSize, cancellationToken);
        if (result.IsFailure)
        {
            return result.Error is PlatformError { ErrorCode: ConnectionErrorCode.InvalidCredentials }
                ? new PlatformError(
                    ConnectionErrorCode.AuthExpired,
                    "Discord no longer accepts this bot token: it was reset or the bot was deleted. Paste the new token.")
                : result.Error;
        }

        var newest = after;
        var messages = new List<PlatformMessage>(result.Value.Count);
        foreach (var message in result.Value)
        {
            if (!ulong.TryParse(message.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return PlatformFailures.Unreadable("Discord", "a message id that is not a snowflake");
            }

            newest = Math.Max(newest, id);
            if (ContentTypes.Contains(message.Type))
            {
                messages.Add(new PlatformMessage(
                    message.Id,
                    channelId,
                    message.Author?.Id,
                    message.Author?.GlobalName ?? message.Author?.Username,
                    message.Content ?? "",
                    message.Timestamp,
                    message.MessageReference?.MessageId ?? message.Thread?.Id,
                    message.EditedTimestamp));
            }
        }

        var checkpoint = start is null && newest == 0 ? null : newest.ToString(CultureInfo.InvariantCulture);
        var nextPageToken = result.Value.Count >= _pageSize ? checkpoint : null;
        return new MessagePage(messages, nextPageToken, checkpoint);
    }
}
