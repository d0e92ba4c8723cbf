using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Domain.Syncs;

/// <summary>The failures of sync use cases.</summary>
public static class SyncErrors
{
    public static Error AlreadyActive(string runId) =>
        Error.Conflict("SYNC_IN_PROGRESS", $"Sync run '{runId}' is already queued or running for this connection.");

    public static Error NotFound(string runId) => Error.NotFound("SYNC_RUN_NOT_FOUND", $"Sync run '{runId}' was not found.");

    public static Error NoChannelsSelected() =>
        Error.Conflict("NO_CHANNELS_SELECTED", "No channel is selected for syncing; choose channels with PUT …/channels first.");

    public static Error NotConnected(ConnectionStatus status) =>
        Error.Conflict("CONNECTION_NOT_CONNECTED", $"The connection is {status.ToString().ToLowerInvariant()}; validate it first.");

    public static Error NotDue(string connectionId) =>
        Error.Conflict("SYNC_NOT_DUE", $"The next scheduled sync of connection '{connectionId}' has not come yet.");
}
