using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Application.Common.Interfaces;

/// <summary>Who a Slack bot token acts as, per <c>auth.test</c>.</summary>
/// <param name="TeamId">The Slack team (<c>T…</c>) the token belongs to.</param>
/// <param name="TeamName">The team's name.</param>
/// <param name="BotUserId">The bot's user id (<c>U…</c>).</param>
/// <param name="BotId">The bot id (<c>B…</c>), when Slack reports it.</param>
/// <param name="BotName">The bot user's name.</param>
/// <param name="AppId">The app id (<c>A…</c>), when Slack reports it.</param>
public sealed record SlackBotIdentity(string TeamId, string? TeamName, string BotUserId, string? BotId, string? BotName, string? AppId);

/// <summary>
/// Checks a Slack app's tokens on Slack. Failures are <see cref="PlatformError"/>s carrying one of the six diagnoses;
/// implementations never throw for platform or network failures (only for the caller's cancellation).
/// </summary>
public interface ISlackWorkspaceGateway
{
    /// <summary><c>auth.test</c> with a bot (<c>xoxb-</c>) token.</summary>
    Task<Result<SlackBotIdentity>> VerifyBotTokenAsync(string botToken, CancellationToken cancellationToken);

    /// <summary>Socket Mode's <c>apps.connections.open</c> with an app-level (<c>xapp-</c>) token; any other kind of token is rejected.</summary>
    Task<Result> VerifyAppTokenAsync(string appToken, CancellationToken cancellationToken);
}
