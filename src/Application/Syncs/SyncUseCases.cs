using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Models;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Syncs;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs;

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
