using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Application.Syncs.Common;
using Connections.Domain.Common;
using Connections.Domain.Syncs;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs.Commands.QueueSync;

/// <summary>Queues a manual sync of a connection; the scheduler starts it at once. One active run per connection.</summary>
public sealed record QueueSyncCommand(string ConnectionId) : IRequest<Result<SyncRunDto>>;

public sealed class QueueSyncCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, ISyncSignal signal, TimeProvider clock)
    : IRequestHandler<QueueSyncCommand, Result<SyncRunDto>>
{
    public async Task<Result<SyncRunDto>> Handle(QueueSyncCommand request, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking().VisibleTo(currentUser).Include(c => c.Channels)
            .FirstOrDefaultAsync(c => c.Id == request.ConnectionId, cancellationToken);
        if (connection is null)
        {
            return Domain.Connections.ConnectionErrors.NotFound(request.ConnectionId);
        }

        if (!connection.CanSync)
        {
            return SyncErrors.NotConnected(connection.Status);
        }

        if (!connection.HasChannelsToSync)
        {
            // A run over nothing would "succeed" and move last_sync without reading a message.
            return SyncErrors.NoChannelsSelected();
        }

        var active = await ActiveRunIdAsync(connection.Id, cancellationToken);
        if (active is not null)
        {
            return SyncErrors.AlreadyActive(active);
        }

        var run = SyncRun.Queue(connection.Id, SyncTrigger.Manual, clock.GetUtcNow());
        db.SyncRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another request or the scheduler: the database's one-active-run index said no.
            db.SyncRuns.Entry(run).State = EntityState.Detached;
            var winner = await ActiveRunIdAsync(connection.Id, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return SyncErrors.AlreadyActive(winner);
        }

        signal.Wake();
        return run.ToDto();
    }

    private Task<string?> ActiveRunIdAsync(string connectionId, CancellationToken cancellationToken) =>
        db.SyncRuns.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && (r.Status == SyncRunStatus.Queued || r.Status == SyncRunStatus.Running))
            .Select(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken);
}
