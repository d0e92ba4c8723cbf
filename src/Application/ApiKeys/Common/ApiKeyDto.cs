using Connections.Domain.Common;

namespace Connections.Application.ApiKeys.Common;

/// <summary>An API key as listed: never the secret, never its hash.</summary>
public sealed record ApiKeyDto(string Id, string Email, CallerRole Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
