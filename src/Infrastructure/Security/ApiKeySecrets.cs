using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Connections.Application.Common.Interfaces;

namespace Connections.Infrastructure.Security;

/// <summary>
/// API key secrets are 32 random bytes (base64url). Because they are high-entropy, a single SHA-256 is the right
/// hash (a slow password hash adds nothing against brute force of 256 bits and costs every request).
/// </summary>
internal sealed class ApiKeySecrets : IApiKeySecrets
{
    public string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool Verify(string secret, string hash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));
}
