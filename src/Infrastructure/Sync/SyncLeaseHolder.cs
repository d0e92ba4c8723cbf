using Connections.Application.Common.Interfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.Sync;

/// <summary>
/// Keeps a connection's lease while work runs under it: renews it every third of its duration, retries a failed
/// renewal while the lease still holds, and cancels the work when the lease is lost or would lapse.
/// </summary>
internal sealed partial class SyncLeaseHolder(ISyncLeases leases, IOptions<SyncOptions> options, TimeProvider clock, ILogger<SyncScheduler> logger)
{
    /// <summary>Runs <paramref name="work"/> while holding the lease; a lost lease ends it quietly (its token is cancelled).</summary>
    public async Task HoldWhileAsync(string connectionId, string owner, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var holding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewUntilDoneAsync(connectionId, owner, holding, renewal.Token);
        try
        {
            await work(holding.Token);
        }
        catch (OperationCanceledException) when (holding.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Lease lost: whoever holds it now resumes the work.
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
        }
    }

    /// <summary>Renews the lease every third of its duration; retries a failed renewal until the lease would lapse, then cancels the run.</summary>
    private async Task RenewUntilDoneAsync(string connectionId, string owner, CancellationTokenSource holding, CancellationToken cancellationToken)
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
                    renewed = await leases.RenewAsync(connectionId, owner, options.Value.LeaseDuration, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && clock.GetUtcNow() + every < heldUntil)
                {
                    LogRenewalFailed(ex, connectionId);
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
            LogRenewalFailed(ex, connectionId);
            LogLeaseLost(connectionId);
            await holding.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync of {ConnectionId} failed")]
    private partial void LogRenewalFailed(Exception exception, string connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the sync lease of {ConnectionId}")]
    private partial void LogLeaseLost(string connectionId);
}
