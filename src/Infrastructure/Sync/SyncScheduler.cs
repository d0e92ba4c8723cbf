using System.Threading.Channels;
using Connections.Application.Common.Interfaces;
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

/// <summary>Section <c>Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Run the background scheduler in this instance.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due connections and queued runs (a manual run also wakes it).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed connection stays ours without renewal; after a crash another instance resumes after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many connections one poll considers.</summary>
    public int BatchSize { get; set; } = 20;
}

/// <summary>Wakes the scheduler of this instance.</summary>
internal sealed class SyncSignal : ISyncSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}

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
            if (await leases.TryAcquireAsync(connectionId, _owner, options.Value.LeaseDuration, cancellationToken))
            {
                try
                {
                    await RunLeasedAsync(connectionId, cancellationToken);
                }
                finally
                {
                    await leases.ReleaseAsync(connectionId, _owner, CancellationToken.None);
                }
            }
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
            await db.SaveChangesAsync(cancellationToken);
            runId = run.Id;
        }

        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewUntilDoneAsync(connectionId, renewal.Token);
        try
        {
            await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(runId, cancellationToken);
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
    }

    private async Task RenewUntilDoneAsync(string connectionId, CancellationToken cancellationToken)
    {
        var every = options.Value.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, cancellationToken);
                if (!await leases.RenewAsync(connectionId, _owner, options.Value.LeaseDuration, cancellationToken))
                {
                    LogLeaseLost(connectionId);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run finished.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync scheduler pass failed")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the sync lease of {ConnectionId}")]
    private partial void LogLeaseLost(string connectionId);
}
