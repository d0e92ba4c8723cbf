namespace Connections.Domain.SlackWorkspaces;

/// <summary>
/// The three secrets of a Slack app as the secret protector wrote them: opaque to the domain, never plain text.
/// </summary>
/// <param name="BotToken">The protected <c>xoxb-</c> bot token.</param>
/// <param name="AppToken">The protected <c>xapp-</c> app-level token (Socket Mode).</param>
/// <param name="SigningSecret">The protected signing secret.</param>
public sealed record ProtectedSlackSecrets(string BotToken, string AppToken, string SigningSecret)
{
    /// <summary>Even protected values stay out of logs and exception messages.</summary>
    public override string ToString() => "ProtectedSlackSecrets { *** }";
}

/// <summary>What Slack reported about the app behind a bot token.</summary>
/// <param name="AppId">Slack <c>A…</c> app id, when known.</param>
/// <param name="AppName">The app's display name, when known.</param>
/// <param name="BotUserId">The bot user's <c>U…</c> id, when known.</param>
public sealed record SlackAppIdentity(string? AppId, string? AppName, string? BotUserId);
