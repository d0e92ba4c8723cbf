using System.Globalization;
using System.Text;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.FakePlatforms.Slack;

/// <summary>A caller that passed authentication, with its scenario, workspace and arguments.</summary>
internal sealed record SlackCall(SlackScenario Scenario, SlackWorkspace Workspace, SlackRequest Request);

/// <summary>One Web API method: which token kind it takes, its <c>x-accepted-oauth-scopes</c>, its handler.</summary>
internal sealed record SlackMethod(SlackTokenKind TokenKind, string AcceptedScopes, Func<SlackCall, SlackResponse> Handle);

/// <summary>The implemented Web API methods. Add conversations.history/replies here.</summary>
internal static class SlackMethods
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private const string CursorPrefix = "offset:";

    private static readonly Dictionary<string, SlackMethod> Methods = new(StringComparer.Ordinal)
    {
        ["auth.test"] = new(SlackTokenKind.Bot, "", AuthTest),
        ["conversations.list"] = new(SlackTokenKind.Bot, "channels:read,groups:read,im:read,mpim:read", ConversationsList),
        ["apps.connections.open"] = new(SlackTokenKind.App, "connections:write", ConnectionsOpen),
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

    private static bool TryReadLimit(string? value, out int limit)
    {
        limit = DefaultLimit;
        if (value is null)
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > MaxLimit)
        {
            return false;
        }

        limit = parsed == 0 ? DefaultLimit : parsed;
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
