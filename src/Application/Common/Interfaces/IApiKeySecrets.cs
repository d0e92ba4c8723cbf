namespace Connections.Application.Common.Interfaces;

/// <summary>Makes and checks the secret half of API keys. Only hashes are stored.</summary>
public interface IApiKeySecrets
{
    /// <summary>A new random secret (at least 32 bytes of entropy), URL-safe.</summary>
    string NewSecret();

    string Hash(string secret);

    /// <summary>Constant-time comparison of a presented secret with a stored hash.</summary>
    bool Verify(string secret, string hash);
}
