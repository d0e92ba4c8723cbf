
namespace Connections.Application.ApiKeys.Common;

/// <summary>A new key: <see cref="Key"/> is the only time the plain key exists outside the caller's hands.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto ApiKey, string Key);
