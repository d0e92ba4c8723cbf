using Connections.Domain.Common;

namespace Connections.Domain.SlackWorkspaces;

/// <summary>The business failures of the Slack workspace configuration, with their stable codes.</summary>
public static class SlackWorkspaceErrors
{
    public static Error NoneActive() =>
        Error.NotFound("WORKSPACE_NOT_CONFIGURED", "No workspace configured");

    public static Error NotFound(string teamId) =>
        Error.NotFound("WORKSPACE_NOT_CONFIGURED", $"No workspace configured for team '{teamId}'.");

    /// <summary>The bot token is valid but acts in another Slack workspace than the configuration names.</summary>
    public static Error TeamMismatch(string expectedTeamId, string actualTeamId) =>
        ValidationError.For(
            "bot_token",
            $"The bot token belongs to another Slack workspace ({actualTeamId}), not to team '{expectedTeamId}'.",
            "SLACK_TEAM_MISMATCH");

    public static Error StaleETag() =>
        Error.PreconditionFailed(
            "PRECONDITION_FAILED",
            "The workspace configuration changed since you read it (If-Match does not match its ETag). Read it again and retry.");
}
