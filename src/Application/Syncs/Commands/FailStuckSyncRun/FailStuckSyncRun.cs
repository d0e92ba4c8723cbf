using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Telemetry;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.Domain.Syncs;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs.Commands.FailStuckSyncRun;

/// <summary>
/// Ends as failed the active run of a connection that the engine could not finish (it threw), so it is not left
/// "running" for ever, and schedules the connection's next attempt one interval later.
/// </summary>
public sealed record FailStuckSyncRunCommand(string ConnectionId) : IRequest<Result>;

public sealed class FailStuckSyncRunCommandHandler(IApplicationDbContext db, TimeProvider clock, ConnectionsMetrics metrics)
    : IRequestHandler<FailStuckSyncRunCommand, Result>
{
    public async Task<Result> Handle(FailStuckSyncRunCommand request, CancellationToken cancellationToken)
    {
        var run = await db.SyncRuns.Include(r => r.Channels)
            .Where(r => r.ConnectionId == request.ConnectionId)
            .Where(SyncRun.Active)
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        run?.Abandon(ConnectionErrorCode.PlatformError, "The sync stopped on an internal error; it will be retried at the next interval.", now);

        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == request.ConnectionId, cancellationToken);
        connection?.RecordSyncFinished(succeeded: false, now);
        await db.SaveChangesAsync(cancellationToken);
        if (run is not null && connection is not null)
        {
            metrics.RecordSyncRun(connection.Platform, SyncRunStatus.Failed);
        }

        return Result.Success();
    }
}
