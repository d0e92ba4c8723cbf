namespace Connections.Application.Common.Interfaces;

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
