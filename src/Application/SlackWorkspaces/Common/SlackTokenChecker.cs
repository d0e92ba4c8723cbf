using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.Domain.SlackWorkspaces;

namespace Connections.Application.SlackWorkspaces.Common;

/// <summary>
/// Checks a Slack app's tokens before they are saved. A token Slack rejects is a bad request (400) carrying the
/// platform's diagnosis as its code (<c>INVALID_CREDENTIALS</c>, <c>AUTH_EXPIRED</c>, …); a token of another team is
/// 400 <c>SLACK_TEAM_MISMATCH</c>. Transient failures (network, rate limit, outage) keep their 502/503.
/// </summary>
public sealed class SlackTokenChecker(ISlackWorkspaceGateway gateway)
{
    /// <summary><c>auth.test</c> must succeed and name <paramref name="teamId"/>.</summary>
    public async Task<Result<SlackBotIdentity>> CheckBotTokenAsync(string botToken, string teamId, CancellationToken cancellationToken)
    {
        var identity = await gateway.VerifyBotTokenAsync(botToken, cancellationToken);
        if (identity.IsFailure)
        {
            return AsBadRequest(identity.Error, "bot_token");
        }

        return identity.Value.TeamId == teamId
            ? identity.Value
            : SlackWorkspaceErrors.TeamMismatch(teamId, identity.Value.TeamId);
    }

    /// <summary>Socket Mode's <c>apps.connections.open</c> must accept the app-level token.</summary>
    public async Task<Result> CheckAppTokenAsync(string appToken, CancellationToken cancellationToken)
    {
        var opened = await gateway.VerifyAppTokenAsync(appToken, cancellationToken);
        return opened.IsSuccess ? opened : AsBadRequest(opened.Error, "app_token");
    }

    private static Error AsBadRequest(Error error, string field) =>
        error is PlatformError platform && platform.ErrorCode.IsCredentialFailure()
            ? ValidationError.For(field, platform.Message, platform.Code)
            : error;
}
