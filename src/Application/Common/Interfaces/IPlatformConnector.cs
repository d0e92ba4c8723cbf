using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Application.Common.Interfaces;

/// <summary>Plain-text credentials, only ever held in memory for the length of a call.</summary>
/// <param name="BotToken">Slack <c>xoxb-…</c> or Discord bot token.</param>
/// <param name="SigningSecret">Slack only: the app's signing secret (not checked against the platform).</param>
/// <param name="GuildId">Discord only: the guild (server) snowflake the bot should read.</param>
public sealed record PlatformCredentials(string BotToken, string? SigningSecret = null, string? GuildId = null)
{
    /// <summary>Never print secrets, not even by accident through a record's generated ToString.</summary>
    public override string ToString() => $"PlatformCredentials {{ GuildId = {GuildId} }}";
}

/// <summary>A channel the bot can see, as the platform describes it.</summary>
/// <param name="Id">Platform id (Slack <c>C…</c>, Discord snowflake).</param>
/// <param name="Name">Display name; Slack names are prefixed with <c>#</c>.</param>
/// <param name="IsPrivate">Slack <c>is_private</c>; Discord: @everyone is denied VIEW_CHANNEL.</param>
/// <param name="MemberCount">Slack <c>num_members</c>; null where the platform has no count (Discord text channels).</param>
/// <param name="CanReadHistory">
/// False when the bot can see the channel but not read its history (Discord: no READ_MESSAGE_HISTORY there, and
/// Discord answers such reads with an empty list rather than an error).
/// </param>
public sealed record PlatformChannel(string Id, string Name, bool IsPrivate, int? MemberCount, bool CanReadHistory = true);

/// <summary>Who the credentials act as.</summary>
/// <param name="WorkspaceId">Slack <c>team_id</c>, Discord guild id.</param>
/// <param name="WorkspaceName">Slack team name, Discord guild name.</param>
/// <param name="BotUserId">The bot's user id on the platform.</param>
/// <param name="BotName">The bot's user name.</param>
/// <param name="AppId">Slack <c>app_id</c> / Discord application id, when the platform reports it.</param>
/// <param name="GrantedScopes">Slack scopes from <c>x-oauth-scopes</c>; for Discord the abilities we mapped to scope names.</param>
public sealed record PlatformIdentity(
    string WorkspaceId,
    string? WorkspaceName,
    string BotUserId,
    string? BotName,
    string? AppId,
    IReadOnlyList<string> GrantedScopes);

/// <summary>The result of a successful credential check: the identity and the channels the bot can read.</summary>
public sealed record PlatformProbe(PlatformIdentity Identity, IReadOnlyList<PlatformChannel> Channels);

/// <summary>
/// Checks credentials against one platform and discovers its channels. Failures are <see cref="PlatformError"/>s
/// carrying one of the six diagnoses; implementations never throw for platform or network failures
/// (only for cancellation by the caller).
/// </summary>
public interface IPlatformConnector
{
    Platform Platform { get; }

    /// <summary>Validates the credentials and lists the channels the bot can read.</summary>
    /// <param name="credentials">The credentials to check.</param>
    /// <param name="previouslyValid">True when these credentials validated before: a rejection then means AUTH_EXPIRED.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    Task<Result<PlatformProbe>> ProbeAsync(PlatformCredentials credentials, bool previouslyValid, CancellationToken cancellationToken);
}
