using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Security;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspaces;

/// <summary>Every configured team (or only the active one), oldest first; owners and applications only.</summary>
public sealed record GetSlackWorkspacesQuery(bool ActiveOnly) : IRequest<Result<IReadOnlyList<SlackWorkspaceDto>>>, IRequireOwner;

public sealed class GetSlackWorkspacesQueryHandler(IApplicationDbContext db)
    : IRequestHandler<GetSlackWorkspacesQuery, Result<IReadOnlyList<SlackWorkspaceDto>>>
{
    public async Task<Result<IReadOnlyList<SlackWorkspaceDto>>> Handle(GetSlackWorkspacesQuery request, CancellationToken cancellationToken)
    {
        var query = db.SlackWorkspaces.AsNoTracking();
        if (request.ActiveOnly)
        {
            query = query.Where(w => w.IsActive);
        }

        var list = await query.OrderBy(w => w.CreatedAt).ThenBy(w => w.TeamId).ToDtos().ToListAsync(cancellationToken);
        return list;
    }
}
