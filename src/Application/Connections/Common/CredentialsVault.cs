using System.Text.Json;
using Connections.Application.Common.Interfaces;

namespace Connections.Application.Connections.Common;

/// <summary>Serializes credentials and protects them for storage, and back. The only place credentials change form.</summary>
public sealed class CredentialsVault(ISecretProtector protector)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Protect(PlatformCredentials credentials) =>
        protector.Protect(JsonSerializer.Serialize(credentials, Json));

    public PlatformCredentials Unprotect(string protectedCredentials) =>
        JsonSerializer.Deserialize<PlatformCredentials>(protector.Unprotect(protectedCredentials), Json)
        ?? throw new InvalidOperationException("Stored credentials are empty.");
}
