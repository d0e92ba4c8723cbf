using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.ApiKeys.Commands.RevokeApiKey;

public sealed record RevokeApiKeyCommand(string Id) : IRequest<Result>;

public sealed class RevokeApiKeyCommandHandler(IApplicationDbContext db, TimeProvider clock) : IRequestHandler<RevokeApiKeyCommand, Result>
{
    public async Task<Result> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == request.Id, cancellationToken);
        if (key is null)
        {
            return Error.NotFound("API_KEY_NOT_FOUND", $"API key '{request.Id}' was not found.");
        }

        var revoked = key.Revoke(clock.GetUtcNow());
        if (revoked.IsSuccess)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return revoked;
    }
}
