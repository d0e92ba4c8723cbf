using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Connections.Queries.GetChannels;

/// <summary>The stored channel catalog of a connection (no platform call; refresh with RefreshChannelsCommand).</summary>
public sealed record GetChannelsQuery(string Id) : IRequest<Result<IReadOnlyList<ChannelDto>>>;

public sealed class GetChannelsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IRequestHandler<GetChannelsQuery, Result<IReadOnlyList<ChannelDto>>>
{
    public async Task<Result<IReadOnlyList<ChannelDto>>> Handle(GetChannelsQuery request, CancellationToken cancellationToken)
    {
        var visible = await db.Connections.AsNoTracking().VisibleTo(currentUser).AnyAsync(c => c.Id == request.Id, cancellationToken);
        if (!visible)
        {
            return ConnectionErrors.NotFound(request.Id);
        }

        var channels = await db.ConnectionChannels
            .AsNoTracking()
            .Where(c => c.ConnectionId == request.Id)
            .OrderBy(c => c.Name)
            .ThenBy(c => c.ChannelId)
            .Select(c => new ChannelDto(c.ChannelId, c.Name, c.IsPrivate, c.MemberCount, c.SyncEnabled))
            .ToListAsync(cancellationToken);
        return channels;
    }
}
