using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Application.Syncs.Common;
using Connections.Domain.Common;
using Connections.Domain.Syncs;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs.Queries.GetSyncRun;

/// <summary>One run of a connection, with its channels.</summary>
public sealed record GetSyncRunQuery(string ConnectionId, string RunId) : IRequest<Result<SyncRunDto>>;

public sealed class GetSyncRunQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IRequestHandler<GetSyncRunQuery, Result<SyncRunDto>>
{
    public async Task<Result<SyncRunDto>> Handle(GetSyncRunQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Connections.VisibleTo(currentUser).AnyAsync(c => c.Id == request.ConnectionId, cancellationToken))
        {
            return Domain.Connections.ConnectionErrors.NotFound(request.ConnectionId);
        }

        var run = await db.SyncRuns.AsNoTracking().Include(r => r.Channels)
            .FirstOrDefaultAsync(r => r.Id == request.RunId && r.ConnectionId == request.ConnectionId, cancellationToken);
        return run is null ? SyncErrors.NotFound(request.RunId) : run.ToDto();
    }
}
