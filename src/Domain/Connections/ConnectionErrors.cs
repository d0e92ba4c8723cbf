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

    public static ValidationError UnknownChannels(IEnumerable<string> ids) =>
        ValidationError.For(
            "channel_ids",
            $"Unknown channel ids: {string.Join(", ", ids)}. Refresh the channel list (GET …/channels?refresh=true) if they are new.");

    public static ValidationError SyncAllWithIds() =>
        ValidationError.For("channel_ids", "Must be empty when sync_all is true: sync_all selects every channel.");
}
