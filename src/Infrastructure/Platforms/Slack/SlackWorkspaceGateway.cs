using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Infrastructure.Platforms.Slack;

/// <summary>
/// Checks the tokens of the organization's Slack app over the shared <see cref="SlackClient"/>: the bot token with
/// <c>auth.test</c>, the app-level token with Socket Mode's <c>apps.connections.open</c>. Slack's error codes are
/// diagnosed as everywhere else (<see cref="SlackErrors"/>); only the messages about the app-level token are reworded,
/// since the shared ones speak of a bot token.
/// </summary>
public sealed class SlackWorkspaceGateway(SlackClient client) : ISlackWorkspaceGateway
{
    public async Task<Result<SlackBotIdentity>> VerifyBotTokenAsync(string botToken, CancellationToken cancellationToken)
    {
        var authTest = await client.AuthTestAsync(botToken, cancellationToken);
        if (authTest.IsFailure)
        {
            return authTest.Error;
        }

        var identity = authTest.Value.Identity;
        return new SlackBotIdentity(identity.TeamId!, identity.Team, identity.UserId!, identity.BotId, identity.User, identity.AppId);
    }

    public async Task<Result> VerifyAppTokenAsync(string appToken, CancellationToken cancellationToken)
    {
        var opened = await client.OpenSocketModeConnectionAsync(appToken, cancellationToken);
        if (opened.IsSuccess)
        {
            return Result.Success();
        }

        return opened.Error is PlatformError platform ? AboutAppToken(platform) : opened.Error;
    }

    private static PlatformError AboutAppToken(PlatformError error) => error.ErrorCode switch
    {
        ConnectionErrorCode.InvalidCredentials => new PlatformError(
            ConnectionErrorCode.InvalidCredentials,
            "Slack did not accept the app-level token for Socket Mode. Use an app-level token (xapp-…) with the connections:write scope, "
            + "from the app's Basic Information → App-Level Tokens."),
        ConnectionErrorCode.AuthExpired => new PlatformError(
            ConnectionErrorCode.AuthExpired,
            "The app-level token no longer works: it was revoked or expired. Generate a new one under Basic Information → App-Level Tokens."),
        _ => error,
    };
}
