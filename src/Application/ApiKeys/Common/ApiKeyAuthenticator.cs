using Connections.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.ApiKeys.Common;

/// <summary>Finds the active key a presented bearer token belongs to (authentication, not a use case, so not a MediatR message).</summary>
public sealed class ApiKeyAuthenticator(IApplicationDbContext db, IApiKeySecrets secrets)
{
    public async Task<ApiKeyDto?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TrySplit(presented, out var id, out var secret))
        {
            return null;
        }

        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        return key is not null && secrets.Verify(secret, key.SecretHash) ? key.ToDto() : null;
    }
}
