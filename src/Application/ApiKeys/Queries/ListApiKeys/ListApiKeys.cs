using Connections.Application.ApiKeys.Common;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.ApiKeys.Queries.ListApiKeys;

public sealed record ListApiKeysQuery : IRequest<Result<IReadOnlyList<ApiKeyDto>>>;

public sealed class ListApiKeysQueryHandler(IApplicationDbContext db) : IRequestHandler<ListApiKeysQuery, Result<IReadOnlyList<ApiKeyDto>>>
{
    public async Task<Result<IReadOnlyList<ApiKeyDto>>> Handle(ListApiKeysQuery request, CancellationToken cancellationToken) =>
        await db.ApiKeys.AsNoTracking()
            .OrderBy(k => k.Id)
            .Select(k => new ApiKeyDto(k.Id, k.Email, k.Role, k.CreatedAt, k.RevokedAt))
            .ToListAsync(cancellationToken);
}
