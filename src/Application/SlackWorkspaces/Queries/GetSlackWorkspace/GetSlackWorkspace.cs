using Connections.Application.Common.Interfaces;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Domain.Common;
using Connections.Domain.SlackWorkspaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspace;

/// <summary>The active configuration; every role may read it (it carries no secret).</summary>
public sealed record GetSlackWorkspaceQuery : IRequest<Result<SlackWorkspaceDto>>;

public sealed class GetSlackWorkspaceQueryHandler(IApplicationDbContext db) : IRequestHandler<GetSlackWorkspaceQuery, Result<SlackWorkspaceDto>>
{
    public async Task<Result<SlackWorkspaceDto>> Handle(GetSlackWorkspaceQuery request, CancellationToken cancellationToken)
    {
        var dto = await db.SlackWorkspaces.AsNoTracking().Where(w => w.IsActive).ToDtos().FirstOrDefaultAsync(cancellationToken);
        return dto is null ? SlackWorkspaceErrors.NoneActive() : dto;
    }
}
