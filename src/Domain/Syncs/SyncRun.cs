using System.Linq.Expressions;
using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Domain.Syncs;

/// <summary>
/// One sync of a connection's selected channels. Queued by a caller or the scheduler, run by whichever instance
/// holds the connection's lease, finished as succeeded, partial (some channels paused or failed) or failed.
/// </summary>
public sealed class SyncRun : Entity<string>
{
    public const string IdPrefix = "sync_";

    /// <summary>
    /// Queued or running: the one run a connection may have at a time (the database's one-active-run index says the
    /// same). An expression, so queries filter with it; <see cref="IsActive"/> is the same rule in memory.
    /// </summary>
    public static readonly Expression<Func<SyncRun, bool>> Active =
        r => r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running;

    private static readonly Func<SyncRun, bool> IsActiveRule = Active.Compile();

    private readonly List<SyncRunChannel> _channels = [];

    private SyncRun()
    {
    }

    public string ConnectionId { get; private set; } = null!;

    public SyncTrigger Trigger { get; private set; }

    public SyncRunStatus Status { get; private set; }

    public DateTimeOffset QueuedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    public int MessagesFetched { get; private set; }

    public ConnectionErrorCode? ErrorCode { get; private set; }

    public string? ErrorMessage { get; private set; }

    public IReadOnlyList<SyncRunChannel> Channels => _channels;

    public bool IsActive => IsActiveRule(this);

    public static SyncRun Queue(string connectionId, SyncTrigger trigger, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionId);
        return new SyncRun
        {
            Id = Ids.New(IdPrefix, now),
            ConnectionId = connectionId,
            Trigger = trigger,
            Status = SyncRunStatus.Queued,
            QueuedAt = now,
        };
    }

    /// <summary>Starts (or, after a crashed worker, restarts) the run over <paramref name="channelIds"/>.</summary>
    public void Start(IEnumerable<string> channelIds, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new InvalidOperationException($"Run {Id} is {Status} and cannot start.");
        }

        Status = SyncRunStatus.Running;
        StartedAt ??= now;
        foreach (var channelId in channelIds)
        {
            if (_channels.All(c => c.ChannelId != channelId))
            {
                _channels.Add(new SyncRunChannel(Id, channelId));
            }
        }
    }

    public SyncRunChannel Channel(string channelId) =>
        _channels.FirstOrDefault(c => c.ChannelId == channelId)
        ?? throw new InvalidOperationException($"Channel {channelId} is not part of run {Id}.");

    public void RecordMessages(string channelId, int count)
    {
        Channel(channelId).AddMessages(count);
        MessagesFetched += count;
    }

    /// <summary>
    /// Records that a channel could not be read. Revoked or expired credentials concern the whole connection: the run
    /// fails at once. Any other failure ends only that channel: paused when rate limited (it resumes from its cursor),
    /// inaccessible when the bot may not read it, failed otherwise; the other channels go on.
    /// </summary>
    /// <returns>True when the whole run failed.</returns>
    public bool RecordChannelFailure(string channelId, ConnectionErrorCode code, string message, DateTimeOffset now)
    {
        EnsureRunning();
        if (code is ConnectionErrorCode.AuthExpired or ConnectionErrorCode.InvalidCredentials)
        {
            Fail(code, message, now);
            return true;
        }

        Channel(channelId).Finish(ChannelStatusFor(code), code, message);
        return false;
    }

    /// <summary>True when the run touched channels and could read none of them (the bot was removed or lost its permissions).</summary>
    public bool ReadNoChannel => _channels.Count > 0 && _channels.All(c => c.Status == ChannelSyncStatus.Inaccessible);

    /// <summary>Ends the run: succeeded when every channel succeeded, failed when none did, partial otherwise.</summary>
    public void Finish(DateTimeOffset now)
    {
        EnsureRunning();
        var succeeded = _channels.Count(c => c.Status == ChannelSyncStatus.Succeeded);
        Status = succeeded == _channels.Count ? SyncRunStatus.Succeeded
            : succeeded == 0 && _channels.All(c => c.Status is ChannelSyncStatus.Failed or ChannelSyncStatus.Inaccessible) ? SyncRunStatus.Failed
            : SyncRunStatus.Partial;
        if (Status != SyncRunStatus.Succeeded && ErrorCode is null)
        {
            var worst = _channels.FirstOrDefault(c => c.Status != ChannelSyncStatus.Succeeded);
            ErrorCode = worst?.ErrorCode;
            ErrorMessage = worst is null ? null : $"{_channels.Count - succeeded} of {_channels.Count} channels did not finish: {worst.ErrorMessage}";
        }

        FinishedAt = now;
    }

    /// <summary>Ends the run as failed for a reason that concerns the whole connection (credentials revoked, bot removed).</summary>
    public void Fail(ConnectionErrorCode code, string message, DateTimeOffset now)
    {
        EnsureRunning();
        foreach (var channel in _channels.Where(c => c.Status == ChannelSyncStatus.Pending))
        {
            channel.Finish(ChannelSyncStatus.Failed, code, "Not synced: " + message);
        }

        Status = SyncRunStatus.Failed;
        ErrorCode = code;
        ErrorMessage = message;
        FinishedAt = now;
    }

    /// <summary>Ends an active run that cannot go on (the connection is no longer connected, the worker crashed), started or not.</summary>
    public void Abandon(ConnectionErrorCode code, string message, DateTimeOffset now)
    {
        if (Status == SyncRunStatus.Queued)
        {
            Start([], now);
        }

        Fail(code, message, now);
    }

    private static ChannelSyncStatus ChannelStatusFor(ConnectionErrorCode code) => code switch
    {
        ConnectionErrorCode.RateLimited => ChannelSyncStatus.Paused,
        ConnectionErrorCode.InsufficientPermissions => ChannelSyncStatus.Inaccessible,
        _ => ChannelSyncStatus.Failed,
    };

    private void EnsureRunning()
    {
        if (Status != SyncRunStatus.Running)
        {
            throw new InvalidOperationException($"Run {Id} is {Status}, not running.");
        }
    }
}
