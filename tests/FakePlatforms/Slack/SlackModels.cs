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
