using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Syncs;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs.Common;

/// <summary>The one active (queued or running) run a connection may have, as every path that queues a run reads and writes it.</summary>
public static class ActiveSyncRuns
{
    /// <summary>The id of the connection's queued or running run, or null.</summary>
    public static Task<string?> ActiveRunIdAsync(this IApplicationDbContext db, string connectionId, CancellationToken cancellationToken) =>
        db.SyncRuns.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId)
            .Where(SyncRun.Active)
            .Select(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Adds a newly queued run and saves it. When another request or instance queued one for the same connection at
    /// the same moment, the database's one-active-run index says no: the failure names the run that won.
    /// </summary>
    public static async Task<Result<SyncRun>> AddQueuedRunAsync(this IApplicationDbContext db, SyncRun run, CancellationToken cancellationToken)
    {
        db.SyncRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.SyncRuns.Entry(run).State = EntityState.Detached;
            var winner = await db.ActiveRunIdAsync(run.ConnectionId, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return SyncErrors.AlreadyActive(winner);
        }

        return run;
    }
}
