using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using MediatR;

namespace Connections.Application.Connections.Commands.DeleteConnection;

/// <summary>Deletes a connection; its credentials, channel catalog and selection go with it.</summary>
public sealed record DeleteConnectionCommand(string Id) : IRequest<Result>;

public sealed class DeleteConnectionCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<DeleteConnectionCommand, Result>
{
    public async Task<Result> Handle(DeleteConnectionCommand request, CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(currentUser, request.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        found.Value.MarkDeleted(clock.GetUtcNow());
        db.Connections.Remove(found.Value);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
