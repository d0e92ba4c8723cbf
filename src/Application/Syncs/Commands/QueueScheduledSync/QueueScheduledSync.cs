using Connections.Application.Common.Interfaces;
using Connections.Application.Syncs.Common;
using Connections.Domain.Common;
using Connections.Domain.Syncs;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs.Commands.QueueScheduledSync;

/// <summary>
/// The run the scheduler executes for a connection whose lease it holds: its queued or running run (manual, or left
/// running by a crashed instance), else a newly queued scheduled run when the connection's sync has come. A failure
/// means there is nothing to run now: the connection is not due (another instance ran it between the scheduler's look
/// and its claim) or no longer connected, or a manual run was queued at the same moment (the next pass runs that one).
/// </summary>
public sealed record QueueScheduledSyncCommand(string ConnectionId) : IRequest<Result<string>>;

public sealed class QueueScheduledSyncCommandHandler(IApplicationDbContext db, TimeProvider clock)
    : IRequestHandler<QueueScheduledSyncCommand, Result<string>>
{
    public async Task<Result<string>> Handle(QueueScheduledSyncCommand request, CancellationToken cancellationToken)
    {
        var active = await db.ActiveRunIdAsync(request.ConnectionId, cancellationToken);
        if (active is not null)
        {
            return active;
        }

        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.ConnectionId, cancellationToken);
        if (connection is null)
        {
            return Domain.Connections.ConnectionErrors.NotFound(request.ConnectionId);
        }

        var requested = connection.RequestSync(SyncTrigger.Scheduled, clock.GetUtcNow());
        if (requested.IsFailure)
        {
            return requested.Error;
        }

        var queued = await db.AddQueuedRunAsync(requested.Value, cancellationToken);
        return queued.IsSuccess ? queued.Value.Id : queued.Error;
    }
}
