using System.Globalization;
using System.Text;
using Connections.FakePlatforms.Hosting;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.FakePlatforms.Slack;

/// <summary>A caller that passed authentication, with its scenario, workspace, arguments and (for history) the token's view.</summary>
internal sealed record SlackCall(SlackScenario Scenario, SlackWorkspace Workspace, SlackRequest Request, string Token, SlackHistoryStore History);

/// <summary>
/// One Web API method: which token kind it takes, its <c>x-accepted-oauth-scopes</c>, its handler, and whether it
/// reads message history (counted for <see cref="SlackScenario.RevokeAfterHistoryCalls"/>).
/// </summary>
internal sealed record SlackMethod(SlackTokenKind TokenKind, string AcceptedScopes, Func<SlackCall, SlackResponse> Handle, bool ReadsHistory = false);

/// <summary>The implemented Web API methods.</summary>
internal static class SlackMethods
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public const int MaxHistoryLimit = 999;
    public const int DefaultRepliesLimit = 1000;

    private const string CursorPrefix = "offset:";
    private const string HistoryCursorPrefix = "next_ts:";
    private const string HistoryScopes = "channels:history,groups:history,im:history,mpim:history";

    private static readonly Dictionary<string, SlackMethod> Methods = new(StringComparer.Ordinal)
    {
        ["auth.test"] = new(SlackTokenKind.Bot, "", AuthTest),
        ["conversations.list"] = new(SlackTokenKind.Bot, "channels:read,groups:read,im:read,mpim:read", ConversationsList),
        ["apps.connections.open"] = new(SlackTokenKind.App, "connections:write", ConnectionsOpen),
        ["conversations.history"] = new(SlackTokenKind.Bot, HistoryScopes, ConversationsHistory, ReadsHistory: true),
        ["conversations.replies"] = new(SlackTokenKind.Bot, HistoryScopes, ConversationsReplies, ReadsHistory: true),
    };

    /// <summary>The scope each <c>types</c> value needs.</summary>
    private static readonly Dictionary<string, string> ScopeOfType = new(StringComparer.Ordinal)
    {
        ["public_channel"] = "channels:read",
        ["private_channel"] = "groups:read",
        ["mpim"] = "mpim:read",
        ["im"] = "im:read",
    };

    public static SlackMethod? Find(string name) => Methods.GetValueOrDefault(name);

    private static AuthTestResponse AuthTest(SlackCall call) => new(
        call.Workspace.Url,
        call.Workspace.TeamName,
        S.BotUserName,
        call.Workspace.TeamId,
        S.BotUserId,
        S.BotId,
        S.AppId,
        IsEnterpriseInstall: false);

    private static ConnectionsOpenResponse ConnectionsOpen(SlackCall call) =>
        new($"wss://wss.fake-slack.invalid/link/?ticket=fake-{Guid.NewGuid():N}&app_id={S.AppId}");

    private static SlackResponse ConversationsList(SlackCall call)
    {
        var types = (call.Request.Arg("types") ?? "public_channel")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (types.Length == 0 || types.Any(t => !ScopeOfType.ContainsKey(t)))
        {
            return new SlackErrorResponse("invalid_types");
        }

        // Slack lists the types the token may see and quietly drops the others; none at all is missing_scope.
        var visibleTypes = types.Where(t => call.Scenario.Has(ScopeOfType[t])).ToHashSet(StringComparer.Ordinal);
        if (visibleTypes.Count == 0)
        {
            return new SlackErrorResponse("missing_scope", ScopeOfType[types[0]], call.Scenario.EffectiveScopes);
        }

        if (!TryReadLimit(call.Request.Arg("limit"), out var limit))
        {
            return new SlackErrorResponse("invalid_limit");
        }

        var excludeArchived = call.Request.Arg("exclude_archived") is "true" or "1";
        var channels = call.Workspace.Channels
            .Where(c => visibleTypes.Contains(c.IsPrivate ? "private_channel" : "public_channel"))
            .Where(c => !c.IsPrivate || c.IsMember)
            .Where(c => !excludeArchived || !c.IsArchived)
            .ToList();

        if (!TryReadCursor(call.Request.Arg("cursor"), channels.Count, out var offset))
        {
            return new SlackErrorResponse("invalid_cursor");
        }

        // Like Slack, some pages hold fewer than `limit` items although more follow.
        var take = call.Workspace.ShortPages && offset / limit % 2 == 1 ? Math.Max(1, limit - (limit / 3)) : limit;
        var page = channels.Skip(offset).Take(take).ToList();
        var next = offset + page.Count;
        return new ConversationsListResponse(
            [.. page.Select(c => SlackChannelDto.From(c, call.Workspace))],
            new SlackResponseMetadata(next < channels.Count ? EncodeCursor(next) : ""));
    }

    /// <summary>
    /// Top-level messages newest first within (<c>oldest</c>, <c>latest</c>) — both exclusive unless
    /// <c>inclusive</c> — at most <c>limit</c> (default 100, max 999) a page. The cursor names the newest message of
    /// the next page, so messages posted meanwhile never shift a pass.
    /// </summary>
    private static SlackResponse ConversationsHistory(SlackCall call)
    {
        if (ReadableChannel(call) is not { } history)
        {
            return ChannelError(call);
        }

        if (!TryReadLimit(call.Request.Arg("limit"), out var limit, DefaultLimit, MaxHistoryLimit))
        {
            return new SlackErrorResponse("invalid_limit");
        }

        var inclusive = call.Request.Arg("inclusive") is "true" or "1";
        if (!TryReadBound(call.Request.Arg("oldest"), 0, out var oldest))
        {
            return new SlackErrorResponse("invalid_ts_oldest");
        }

        if (!TryReadBound(call.Request.Arg("latest"), long.MaxValue, out var latest))
        {
            return new SlackErrorResponse("invalid_ts_latest");
        }

        var top = history.TopLevel;
        var lo = top.FirstAbove(m => m.Micros, oldest, orEqual: inclusive);
        var hi = top.FirstAbove(m => m.Micros, latest, orEqual: !inclusive) - 1;
        if (call.Request.Arg("cursor") is { } cursor)
        {
            if (!TryReadHistoryCursor(cursor, out var next))
            {
                return new SlackErrorResponse("invalid_cursor");
            }

            hi = Math.Min(hi, top.FirstAbove(m => m.Micros, next, orEqual: false) - 1);
        }

        var first = Math.Max(lo, hi - limit + 1);
        var page = new List<SlackMessageDto>();
        for (var i = hi; i >= first; i--)
        {
            page.Add(Render(call, history, top[i], parentUser: null));
        }

        var hasMore = hi >= lo && first > lo;
        return new SlackMessagesResponse(
            page,
            hasMore,
            PinCount: 0,
            new SlackResponseMetadata(hasMore ? EncodeHistoryCursor(top[first - 1].Micros) : ""));
    }

    /// <summary>
    /// A thread: the parent first, then its replies oldest first within (<c>oldest</c>, <c>latest</c>), at most
    /// <c>limit</c> (default and max 1000) a page. A top-level message without replies is a thread of one.
    /// </summary>
    private static SlackResponse ConversationsReplies(SlackCall call)
    {
        if (ReadableChannel(call) is not { } history)
        {
            return ChannelError(call);
        }

        if (call.Request.Arg("ts") is not { } ts)
        {
            return new SlackErrorResponse("invalid_arguments");
        }

        if (history.FindTopLevel(ts) is not { } parent)
        {
            return new SlackErrorResponse("thread_not_found");
        }

        if (!TryReadLimit(call.Request.Arg("limit"), out var limit, DefaultRepliesLimit, MaxLimit))
        {
            return new SlackErrorResponse("invalid_limit");
        }

        var inclusive = call.Request.Arg("inclusive") is "true" or "1";
        if (!TryReadBound(call.Request.Arg("oldest"), 0, out var oldest) || !TryReadBound(call.Request.Arg("latest"), long.MaxValue, out var latest))
        {
            return new SlackErrorResponse("invalid_arguments");
        }

        var replies = history.RepliesOf(parent.Ts);
        var thread = new List<FakeSlackMessage> { parent };
        thread.AddRange(replies.Where(r =>
            (inclusive ? r.Micros >= oldest : r.Micros > oldest) && (inclusive ? r.Micros <= latest : r.Micros < latest)));

        var start = 0;
        if (call.Request.Arg("cursor") is { } cursor)
        {
            if (!TryReadHistoryCursor(cursor, out var next))
            {
                return new SlackErrorResponse("invalid_cursor");
            }

            start = thread.FirstAbove(m => m.Micros, next, orEqual: true);
        }

        var page = thread.Skip(start).Take(limit).ToList();
        var end = start + page.Count;
        var hasMore = end < thread.Count;
        return new SlackMessagesResponse(
            [.. page.Select(m => Render(call, history, m, parentUser: parent.User))],
            hasMore,
            PinCount: 0,
            new SlackResponseMetadata(hasMore ? EncodeHistoryCursor(thread[end].Micros) : ""));
    }

    private static SlackMessageDto Render(SlackCall call, SlackChannelHistory history, FakeSlackMessage message, string? parentUser) =>
        SlackMessageDto.From(message, message.IsReply ? [] : history.RepliesOf(message.Ts), call.Workspace.TeamId, parentUser);

    /// <summary>The channel's history when this token may read it, else null (see <see cref="ChannelError"/>).</summary>
    private static SlackChannelHistory? ReadableChannel(SlackCall call) =>
        SlackData.FindChannel(call.Workspace, call.Request.Arg("channel")) is { } channel && ChannelErrorOf(call, channel) is null
            ? call.History.View(call.Token, channel)
            : null;

    private static SlackResponse ChannelError(SlackCall call) =>
        SlackData.FindChannel(call.Workspace, call.Request.Arg("channel")) is { } channel
            ? ChannelErrorOf(call, channel) ?? new SlackErrorResponse("internal_error")
            : new SlackErrorResponse("channel_not_found");

    /// <summary>
    /// Slack's order: a private channel the bot is not in does not exist for it; then the history scope of the
    /// channel's type; then membership of a public channel; then the channel's own misbehaviour.
    /// </summary>
    private static SlackResponse? ChannelErrorOf(SlackCall call, SlackChannel channel)
    {
        if (channel.IsPrivate && !channel.IsMember)
        {
            return new SlackErrorResponse("channel_not_found");
        }

        var scope = channel.IsPrivate ? "groups:history" : "channels:history";
        if (!call.Scenario.Has(scope))
        {
            return new SlackErrorResponse("missing_scope", scope, call.Scenario.EffectiveScopes);
        }

        if (!channel.IsMember)
        {
            return new SlackErrorResponse("not_in_channel");
        }

        return channel.History == SlackHistoryKind.RateLimited
            ? new SlackRateLimitedResponse(FakeHistory.Slack.RateLimitedRetryAfterSeconds)
            : null;
    }

    /// <summary>A missing bound is the default; "0" is the start of time.</summary>
    private static bool TryReadBound(string? value, long absent, out long micros)
    {
        micros = absent;
        return value is null || SlackTs.TryParse(value, out micros);
    }

    private static string EncodeHistoryCursor(long micros) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(HistoryCursorPrefix + SlackTs.FromMicros(micros)));

    private static bool TryReadHistoryCursor(string cursor, out long micros)
    {
        micros = 0;
        var buffer = new byte[cursor.Length];
        if (!Convert.TryFromBase64String(cursor, buffer, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, written);
        return text.StartsWith(HistoryCursorPrefix, StringComparison.Ordinal)
            && SlackTs.TryParse(text[HistoryCursorPrefix.Length..], out micros);
    }

    private static bool TryReadLimit(string? value, out int limit, int defaultLimit = DefaultLimit, int maxLimit = MaxLimit)
    {
        limit = defaultLimit;
        if (value is null)
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > maxLimit)
        {
            return false;
        }

        limit = parsed == 0 ? defaultLimit : parsed;
        return true;
    }

    private static string EncodeCursor(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryReadCursor(string? cursor, int count, out int offset)
    {
        offset = 0;
        if (cursor is null)
        {
            return true;
        }

        var buffer = new byte[cursor.Length];
        if (!Convert.TryFromBase64String(cursor, buffer, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, written);
        return text.StartsWith(CursorPrefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && offset <= count;
    }
}
