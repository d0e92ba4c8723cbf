using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.Domain.Syncs;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs.Queries.GetSyncCandidates;

/// <summary>
/// The connections the scheduler tries to claim in one pass: those with a queued or running run (manual, or left
/// running by a crashed instance; oldest first), then those whose scheduled sync has come (longest due first), at most
/// <paramref name="Limit"/> of each.
/// </summary>
public sealed record GetSyncCandidatesQuery(int Limit) : IRequest<Result<IReadOnlyList<string>>>;

public sealed class GetSyncCandidatesQueryHandler(IApplicationDbContext db, TimeProvider clock)
    : IRequestHandler<GetSyncCandidatesQuery, Result<IReadOnlyList<string>>>
{
    public async Task<Result<IReadOnlyList<string>>> Handle(GetSyncCandidatesQuery request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var queued = await db.SyncRuns.AsNoTracking()
            .Where(SyncRun.Active)
            .OrderBy(r => r.Id).Select(r => r.ConnectionId).Take(request.Limit).ToListAsync(cancellationToken);
        var due = await db.Connections.AsNoTracking()
            .Where(Connection.DueForSync(now))
            .OrderBy(c => c.NextSyncAt).Select(c => c.Id).Take(request.Limit).ToListAsync(cancellationToken);
        return queued.Concat(due).Distinct(StringComparer.Ordinal).ToList();
    }
}
