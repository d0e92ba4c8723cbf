using System.Diagnostics;
using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Telemetry;
using Connections.Domain.Connections;
using Connections.Domain.Syncs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Connections.Application.Syncs;

/// <summary>What a sync run tells the operator: its span, its log lines and the sync metrics.</summary>
public sealed partial class SyncRunTelemetry(IApplicationDbContext db, ConnectionsMetrics metrics, ILogger<SyncEngine> logger)
{
    /// <summary>Starts the run's span.</summary>
    public static Activity? StartRun(string runId)
    {
        var activity = ConnectionsActivitySource.Instance.StartActivity("sync run");
        activity?.SetTag("connections.sync_run.id", runId);
        return activity;
    }

    public static void Describe(Activity? activity, Connection connection)
    {
        activity?.SetTag("connections.connection.id", connection.Id);
        activity?.SetTag("connections.platform", ConnectionsMetrics.TagOf(connection.Platform));
    }

    public void Started(SyncRun run, int channelCount) => LogStarted(run.Id, run.ConnectionId, channelCount);

    public void Finished(SyncRun run) => LogFinished(run.Id, run.Status, run.MessagesFetched);

    public void MessagesStored(SyncRun run, Platform platform, int written, IReadOnlyList<PlatformMessage> messages) =>
        metrics.RecordMessagesStored(run.ConnectionId, platform, written, messages.Count == 0 ? null : messages.Max(m => m.SentAt));

    /// <summary>
    /// Counts the finished run, marks its span, and reads the connection's newest stored message (one indexed query per
    /// run) so the sync lag is known after a restart too. A failure here must not touch the run, which is saved already.
    /// </summary>
    public async Task RecordFinishedAsync(SyncRun run, Connection connection, Activity? activity, CancellationToken cancellationToken)
    {
        metrics.RecordSyncRun(connection.Platform, run.Status);
        activity?.SetTag("connections.sync_run.status", run.Status.ToString().ToLowerInvariant());
        if (run.Status == SyncRunStatus.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, run.ErrorCode?.ToWireName());
        }

        try
        {
            var newest = await db.Messages.AsNoTracking()
                .Where(m => m.ConnectionId == connection.Id)
                .OrderByDescending(m => m.SentAt)
                .Select(m => (DateTimeOffset?)m.SentAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (newest is { } sentAt)
            {
                metrics.ObserveNewestMessage(connection.Id, connection.Platform, sentAt);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNewestUnknown(ex.GetType().Name, connection.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {RunId} of {ConnectionId} started over {ChannelCount} channel(s)")]
    private partial void LogStarted(string runId, string connectionId, int channelCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {RunId} finished {Status} with {Messages} message(s)")]
    private partial void LogFinished(string runId, SyncRunStatus status, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The newest stored message of {ConnectionId} could not be read for the sync lag ({ExceptionType})")]
    private partial void LogNewestUnknown(string exceptionType, string connectionId);
}
