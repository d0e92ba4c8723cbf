using Connections.Domain.ApiKeys;

namespace Connections.Application.ApiKeys.Common;

internal static class ApiKeyMappings
{
    public static ApiKeyDto ToDto(this ApiKey k) => new(k.Id, k.Email, k.Role, k.CreatedAt, k.RevokedAt);
}
