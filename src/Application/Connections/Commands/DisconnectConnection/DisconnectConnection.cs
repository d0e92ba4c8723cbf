using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using MediatR;

namespace Connections.Application.Connections.Commands.DisconnectConnection;

/// <summary>Stops syncing a connection but keeps its credentials; a successful validate reconnects it.</summary>
public sealed record DisconnectConnectionCommand(string Id) : IRequest<Result<ConnectionDetailDto>>;

public sealed class DisconnectConnectionCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<DisconnectConnectionCommand, Result<ConnectionDetailDto>>
{
    public async Task<Result<ConnectionDetailDto>> Handle(DisconnectConnectionCommand request, CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(currentUser, request.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        found.Value.Disconnect(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return found.Value.ToDetailDto();
    }
}
