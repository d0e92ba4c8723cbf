namespace Connections.Application.Common.Interfaces;

/// <summary>Encrypts secrets for storage at rest and decrypts them for use. Never log either side.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    /// <summary>Decrypts what <see cref="Protect"/> wrote; throws <see cref="System.Security.Cryptography.CryptographicException"/> if it was tampered with.</summary>
    string Unprotect(string protectedText);
}
