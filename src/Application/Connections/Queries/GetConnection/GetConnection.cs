using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Connections.Queries.GetConnection;

public sealed record GetConnectionQuery(string Id) : IRequest<Result<ConnectionDetailDto>>;

public sealed class GetConnectionQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IRequestHandler<GetConnectionQuery, Result<ConnectionDetailDto>>
{
    public async Task<Result<ConnectionDetailDto>> Handle(GetConnectionQuery request, CancellationToken cancellationToken)
    {
        var dto = await db.Connections
            .AsNoTracking()
            .VisibleTo(currentUser)
            .Where(c => c.Id == request.Id)
            .Select(c => new ConnectionDetailDto(
                c.Id,
                c.Name,
                c.Platform,
                c.Status,
                c.CreatedAt,
                c.LastSyncAt,
                c.ChannelCount,
                new ConnectionSettingsDto(c.Settings.SyncIntervalMinutes, c.Settings.WikiEnabled, c.Settings.GraphEnabled),
                c.Version))
            .FirstOrDefaultAsync(cancellationToken);
        return dto is null ? ConnectionErrors.NotFound(request.Id) : dto;
    }
}
