using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using MediatR;

namespace Connections.Application.Connections.Commands.DeleteConnection;

/// <summary>
/// Deletes a connection; its credentials, channel catalog and selection go with it. With <paramref name="IfMatch"/>
/// a connection changed since the caller read it is left alone (412).
/// </summary>
public sealed record DeleteConnectionCommand(string Id, VersionCondition? IfMatch = null) : IRequest<Result>;

public sealed class DeleteConnectionCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<DeleteConnectionCommand, Result>
{
    public async Task<Result> Handle(DeleteConnectionCommand request, CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(currentUser, request.Id, request.IfMatch, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        found.Value.MarkDeleted(clock.GetUtcNow());
        db.Connections.Remove(found.Value);
        return await db.SaveAsync(request.Id, request.IfMatch, cancellationToken);
    }
}
