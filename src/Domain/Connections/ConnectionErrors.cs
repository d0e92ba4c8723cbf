using Connections.Domain.Common;

namespace Connections.Domain.Connections;

/// <summary>The business failures of the Connection aggregate, with their stable codes.</summary>
public static class ConnectionErrors
{
    public static Error NotFound(string id) =>
        Error.NotFound("CONNECTION_NOT_FOUND", $"Connection '{id}' was not found.");

    public static Error DuplicateName(Platform platform, string name) =>
        Error.Conflict(
            "CONNECTION_NAME_TAKEN",
            $"You already have a {platform.ToString().ToLowerInvariant()} connection named '{name}'.");

    public static Error WorkspaceMismatch(Platform platform, string current, string presented) =>
        Error.Conflict(
            "WORKSPACE_MISMATCH",
            platform == Platform.Discord
                ? $"The new credentials are for guild {presented}, but this connection mirrors guild {current}. Create another connection for that guild."
                : $"The new token belongs to Slack workspace {presented}, but this connection mirrors workspace {current}. Create another connection for that workspace.");

    public static Error StaleVersion(string id) =>
        Error.PreconditionFailed(
            "PRECONDITION_FAILED",
            $"Connection '{id}' changed since you read it (If-Match does not match its ETag). Read it again and retry.");

    public static ValidationError UnknownChannels(IEnumerable<string> ids) =>
        ValidationError.For(
            "channel_ids",
            $"Unknown channel ids: {string.Join(", ", ids)}. Refresh the channel list (GET …/channels?refresh=true) if they are new.");

    public static ValidationError SyncAllWithIds() =>
        ValidationError.For("channel_ids", "Must be empty when sync_all is true: sync_all selects every channel.");
}
