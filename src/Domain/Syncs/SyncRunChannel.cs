using Connections.Domain.Connections;

namespace Connections.Domain.Syncs;

/// <summary>A channel's part in a run.</summary>
public sealed class SyncRunChannel
{
    private SyncRunChannel()
    {
    }

    internal SyncRunChannel(string runId, string channelId)
    {
        RunId = runId;
        ChannelId = channelId;
        Status = ChannelSyncStatus.Pending;
    }

    public string RunId { get; private set; } = null!;

    public string ChannelId { get; private set; } = null!;

    public ChannelSyncStatus Status { get; private set; }

    public int MessagesFetched { get; private set; }

    public ConnectionErrorCode? ErrorCode { get; private set; }

    public string? ErrorMessage { get; private set; }

    internal void AddMessages(int count) => MessagesFetched += count;

    public void Finish(ChannelSyncStatus status, ConnectionErrorCode? code = null, string? message = null)
    {
        Status = status;
        ErrorCode = code;
        ErrorMessage = message;
    }
}
