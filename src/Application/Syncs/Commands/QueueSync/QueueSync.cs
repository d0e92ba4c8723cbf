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

        var requested = connection.RequestSync(SyncTrigger.Manual, clock.GetUtcNow());
        if (requested.IsFailure)
        {
            return requested.Error;
        }

        var active = await db.ActiveRunIdAsync(connection.Id, cancellationToken);
        if (active is not null)
        {
            return SyncErrors.AlreadyActive(active);
        }

        var queued = await db.AddQueuedRunAsync(requested.Value, cancellationToken);
        if (queued.IsFailure)
        {
            return queued.Error;
        }

        signal.Wake();
        return queued.Value.ToDto();
    }
}
