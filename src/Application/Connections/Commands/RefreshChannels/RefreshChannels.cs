using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using MediatR;

namespace Connections.Application.Connections.Commands.RefreshChannels;

/// <summary>Re-discovers a connection's channels on the platform (<c>GET …/channels?refresh=true</c>).</summary>
public sealed record RefreshChannelsCommand(string Id) : IRequest<Result>;

public sealed class RefreshChannelsCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, ConnectionChecker checker)
    : IRequestHandler<RefreshChannelsCommand, Result>
{
    public async Task<Result> Handle(RefreshChannelsCommand request, CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(currentUser, request.Id, cancellationToken);
        return found.IsFailure ? found.Error : await checker.CheckAsync(found.Value, cancellationToken);
    }
}
