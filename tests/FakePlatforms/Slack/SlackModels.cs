using System.Text.Json.Serialization;

namespace Connections.FakePlatforms.Slack;

/// <summary>Every Slack Web API answer: <c>ok</c> first, then the method's fields.</summary>
internal abstract record SlackResponse([property: JsonPropertyOrder(-1)] bool Ok = true);

internal sealed record SlackErrorResponse(string Error, string? Needed = null, string? Provided = null)
    : SlackResponse(Ok: false);

internal sealed record AuthTestResponse(
    string Url,
    string Team,
    string User,
    string TeamId,
    string UserId,
    string BotId,
    string AppId,
    bool IsEnterpriseInstall) : SlackResponse;

internal sealed record ConversationsListResponse(
    IReadOnlyList<SlackChannelDto> Channels,
    SlackResponseMetadata ResponseMetadata) : SlackResponse;

internal sealed record SlackResponseMetadata(string NextCursor);

internal sealed record SlackChannelDto(
    string Id,
    string Name,
    string NameNormalized,
    bool IsChannel,
    bool IsGroup,
    bool IsIm,
    bool IsMpim,
    bool IsPrivate,
    bool IsArchived,
    bool IsGeneral,
    bool IsShared,
    bool IsMember,
    int NumMembers,
    long Created,
    string Creator,
    string ContextTeamId,
    SlackTextInfo Topic,
    SlackTextInfo Purpose)
{
    public static SlackChannelDto From(SlackChannel channel, SlackWorkspace workspace) => new(
        channel.Id,
        channel.Name,
        channel.Name,
        IsChannel: !channel.IsPrivate,
        IsGroup: channel.IsPrivate,
        IsIm: false,
        IsMpim: false,
        channel.IsPrivate,
        channel.IsArchived,
        channel.IsGeneral,
        IsShared: false,
        channel.IsMember,
        channel.NumMembers,
        SlackWorkspace.CreatedAt,
        Creator: "U0FAKEOWNR",
        workspace.TeamId,
        SlackTextInfo.Of(channel.Topic),
        SlackTextInfo.Of(channel.Purpose));
}

internal sealed record SlackTextInfo(string Value, string Creator, long LastSet)
{
    /// <summary>Slack sends an unset topic/purpose as empty value, empty creator, last_set 0.</summary>
    public static SlackTextInfo Of(string value) =>
        value.Length == 0 ? new("", "", 0) : new(value, "U0FAKEOWNR", SlackWorkspace.CreatedAt);
}

internal sealed record ConnectionsOpenResponse(string Url) : SlackResponse;

/// <summary>HTTP 429 with <c>Retry-After</c> and <c>{"ok":false,"error":"ratelimited"}</c>.</summary>
internal sealed record SlackRateLimitedResponse([property: JsonIgnore] int RetryAfterSeconds) : SlackResponse(Ok: false)
{
    public string Error => "ratelimited";
}

/// <summary><c>conversations.history</c> and <c>conversations.replies</c>.</summary>
internal sealed record SlackMessagesResponse(
    IReadOnlyList<SlackMessageDto> Messages,
    bool HasMore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int PinCount,
    SlackResponseMetadata ResponseMetadata) : SlackResponse;

internal sealed record SlackEditedDto(string User, string Ts);

internal sealed record SlackMessageDto(
    string Type,
    string? Subtype,
    string? User,
    string? BotId,
    string? Username,
    string Text,
    string Ts,
    string? Team,
    string? ThreadTs,
    string? ParentUserId,
    int? ReplyCount,
    int? ReplyUsersCount,
    string? LatestReply,
    IReadOnlyList<string>? ReplyUsers,
    SlackEditedDto? Edited)
{
    /// <summary>Renders a stored message; a top-level message with replies becomes a thread parent.</summary>
    public static SlackMessageDto From(FakeSlackMessage m, IReadOnlyList<FakeSlackMessage> replies, string teamId, string? parentUser)
    {
        var isParent = !m.IsReply && replies.Count > 0;
        return new SlackMessageDto(
            "message",
            m.Subtype,
            m.User,
            m.BotId,
            m.Username,
            m.Text,
            m.Ts,
            m.User is null ? null : teamId,
            isParent ? m.Ts : m.ThreadTs,
            m.IsReply ? parentUser : null,
            isParent ? replies.Count : null,
            isParent ? replies.Select(r => r.User).Distinct().Count() : null,
            isParent ? replies[^1].Ts : null,
            isParent ? [.. replies.Select(r => r.User ?? r.BotId ?? "").Distinct()] : null,
            m.EditedTs is null ? null : new SlackEditedDto(m.EditedBy ?? m.User ?? "", m.EditedTs));
    }
}
