using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Models;
using Connections.Application.Connections.Common;
using Connections.Application.Syncs.Common;
using Connections.Domain.Common;
using Connections.Domain.Syncs;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs.Queries.GetSyncRuns;

/// <summary>The runs of a connection, newest first, a page at a time.</summary>
public sealed record GetSyncRunsQuery(string ConnectionId, int Limit = GetSyncRunsQuery.DefaultLimit, string? Cursor = null)
    : IRequest<Result<Page<SyncRunDto>>>
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
}

public sealed class GetSyncRunsQueryValidator : AbstractValidator<GetSyncRunsQuery>
{
    public GetSyncRunsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, GetSyncRunsQuery.MaxLimit);
    }
}

public sealed class GetSyncRunsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, PageCursors cursors)
    : IRequestHandler<GetSyncRunsQuery, Result<Page<SyncRunDto>>>
{
    public async Task<Result<Page<SyncRunDto>>> Handle(GetSyncRunsQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Connections.VisibleTo(currentUser).AnyAsync(c => c.Id == request.ConnectionId, cancellationToken))
        {
            return Domain.Connections.ConnectionErrors.NotFound(request.ConnectionId);
        }

        var query = db.SyncRuns.AsNoTracking().Include(r => r.Channels).Where(r => r.ConnectionId == request.ConnectionId);
        var scope = PageCursors.Scope("syncs", request.ConnectionId);
        if (request.Cursor is not null)
        {
            if (!cursors.TryRead(scope, request.Cursor, out var after))
            {
                return PageCursors.Invalid;
            }

            query = query.Where(r => string.Compare(r.Id, after) < 0);
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(request.Limit + 1).ToListAsync(cancellationToken);
        return Page<SyncRunDto>.FromRows(rows, request.Limit, r => r.ToDto(), r => cursors.Issue(scope, r.Id));
    }
}
