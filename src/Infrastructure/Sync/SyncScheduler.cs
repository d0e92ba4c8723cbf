using Connections.Application.Common.Interfaces;
using Connections.Application.Syncs;
using Connections.Application.Syncs.Commands.FailStuckSyncRun;
using Connections.Application.Syncs.Commands.QueueScheduledSync;
using Connections.Application.Syncs.Queries.GetSyncCandidates;
using MediatR;
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
    SyncLeaseHolder holder,
    SyncSignal signal,
    IOptions<SyncOptions> options,
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
        IReadOnlyList<string> candidates;
        await using (var scope = scopes.CreateAsyncScope())
        {
            candidates = (await MediatorOf(scope).Send(new GetSyncCandidatesQuery(options.Value.BatchSize), cancellationToken)).Value;
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
                await FailStuckRunAsync(connectionId);
            }
            finally
            {
                await leases.ReleaseAsync(connectionId, _owner, CancellationToken.None);
            }
        }
    }

    private static IMediator MediatorOf(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<IMediator>();

    private async Task FailStuckRunAsync(string connectionId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await MediatorOf(scope).Send(new FailStuckSyncRunCommand(connectionId), CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogConnectionFailed(ex, connectionId);
        }
    }

    private async Task RunLeasedAsync(string connectionId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var next = await MediatorOf(scope).Send(new QueueScheduledSyncCommand(connectionId), cancellationToken);
        if (next.IsFailure)
        {
            return; // nothing to run now (see QueueScheduledSyncCommand)
        }

        // The engine runs only while we hold the lease: losing it (or failing to renew it before it expires) stops
        // the run, so two instances never sync the same connection at once; whoever holds it next resumes the run.
        var engine = scope.ServiceProvider.GetRequiredService<SyncEngine>();
        await holder.HoldWhileAsync(connectionId, _owner, token => engine.RunAsync(next.Value, token), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync scheduler pass failed")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of {ConnectionId} failed")]
    private partial void LogConnectionFailed(Exception exception, string connectionId);
}
