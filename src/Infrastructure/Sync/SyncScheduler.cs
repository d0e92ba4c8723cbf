using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Telemetry;
using Connections.Application.Syncs;
using Connections.Domain.Connections;
using Connections.Domain.Syncs;
using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.Sync;

/// <summary>
/// The background scheduler: picks up queued runs (manual, or left running by a crashed instance) and connections
/// whose durable <c>next_sync_at</c> has come, claims each connection's lease, and runs the sync while renewing it.
/// Several instances on one database never sync the same connection at once.
/// </summary>
internal sealed partial class SyncScheduler(
    IServiceScopeFactory scopes,
    ISyncLeases leases,
    SyncSignal signal,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ConnectionsMetrics metrics,
    ILogger<SyncScheduler> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(ex);
            }

            await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    /// <summary>One pass: every queued or due connection this instance can claim.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        List<string> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
            var now = clock.GetUtcNow();
            var batch = options.Value.BatchSize;
            var queued = await db.SyncRuns.AsNoTracking()
                .Where(r => r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running)
                .OrderBy(r => r.Id).Select(r => r.ConnectionId).Take(batch).ToListAsync(cancellationToken);
            var due = await db.Connections.AsNoTracking()
                .Where(c => c.Status == ConnectionStatus.Connected && c.NextSyncAt != null && c.NextSyncAt <= now)
                .OrderBy(c => c.NextSyncAt).Select(c => c.Id).Take(batch).ToListAsync(cancellationToken);
            candidates = queued.Concat(due).Distinct(StringComparer.Ordinal).ToList();
        }

        foreach (var connectionId in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!await leases.TryAcquireAsync(connectionId, _owner, options.Value.LeaseDuration, cancellationToken))
                {
                    continue;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogConnectionFailed(ex, connectionId);
                continue;
            }

            try
            {
                await RunLeasedAsync(connectionId, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One connection's failure must neither stop the others nor leave its run "running" for ever.
                LogConnectionFailed(ex, connectionId);
                await FailActiveRunAsync(connectionId);
            }
            finally
            {
                await leases.ReleaseAsync(connectionId, _owner, CancellationToken.None);
            }
        }
    }

    /// <summary>Ends a run the engine could not finish as failed, and schedules the connection's next attempt.</summary>
    private async Task FailActiveRunAsync(string connectionId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
            var run = await db.SyncRuns.Include(r => r.Channels)
                .FirstOrDefaultAsync(r => r.ConnectionId == connectionId && (r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running));
            var now = clock.GetUtcNow();
            if (run is not null)
            {
                if (run.Status == SyncRunStatus.Queued)
                {
                    run.Start([], now);
                }

                run.Fail(ConnectionErrorCode.PlatformError, "The sync stopped on an internal error; it will be retried at the next interval.", now);
            }

            var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == connectionId);
            connection?.RecordSyncFinished(succeeded: false, now);
            await db.SaveChangesAsync(CancellationToken.None);
            if (run is not null && connection is not null)
            {
                metrics.RecordSyncRun(connection.Platform, SyncRunStatus.Failed);
            }
        }
        catch (Exception ex)
        {
            LogConnectionFailed(ex, connectionId);
        }
    }

    private async Task RunLeasedAsync(string connectionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        var runId = await db.SyncRuns.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && (r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running))
            .Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (runId is null)
        {
            var now = clock.GetUtcNow();
            var due = await db.Connections.AnyAsync(
                c => c.Id == connectionId && c.Status == ConnectionStatus.Connected && c.NextSyncAt != null && c.NextSyncAt <= now,
                cancellationToken);
            if (!due)
            {
                return; // another instance ran it between our look and our claim
            }

            var run = SyncRun.Queue(connectionId, SyncTrigger.Scheduled, now);
            db.SyncRuns.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.Classify(ex) == DatabaseFailure.UniqueViolation)
            {
                return; // a manual run was queued at the same moment: the next pass runs that one
            }

            runId = run.Id;
        }

        // The engine runs only while we hold the lease: losing it (or failing to renew it before it expires) stops
        // the run, so two instances never sync the same connection at once.
        using var holding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewUntilDoneAsync(connectionId, holding, renewal.Token);
        try
        {
            await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(runId, holding.Token);
        }
        catch (OperationCanceledException) when (holding.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Lease lost: whoever holds it now resumes the run from its checkpoints.
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
    }

    /// <summary>Renews the lease every third of its duration; retries a failed renewal until the lease would lapse, then cancels the run.</summary>
    private async Task RenewUntilDoneAsync(string connectionId, CancellationTokenSource holding, CancellationToken cancellationToken)
    {
        var every = options.Value.LeaseDuration / 3;
        var heldUntil = clock.GetUtcNow() + options.Value.LeaseDuration;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, cancellationToken);
                bool renewed;
                try
                {
                    renewed = await leases.RenewAsync(connectionId, _owner, options.Value.LeaseDuration, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && clock.GetUtcNow() + every < heldUntil)
                {
                    LogConnectionFailed(ex, connectionId);
                    continue; // transient: try again while the lease still holds
                }

                if (!renewed)
                {
                    LogLeaseLost(connectionId);
                    await holding.CancelAsync();
                    return;
                }

                heldUntil = clock.GetUtcNow() + options.Value.LeaseDuration;
            }
        }
        catch (OperationCanceledException)
        {
            // The run finished.
        }
        catch (Exception ex)
        {
            LogConnectionFailed(ex, connectionId);
            LogLeaseLost(connectionId);
            await holding.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync scheduler pass failed")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of {ConnectionId} failed")]
    private partial void LogConnectionFailed(Exception exception, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the sync lease of {ConnectionId}")]
    private partial void LogLeaseLost(string connectionId);
}
