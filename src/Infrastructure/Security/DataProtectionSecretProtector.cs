using Connections.Application.Common.Interfaces;
using Microsoft.AspNetCore.DataProtection;

namespace Connections.Infrastructure.Security;

/// <summary>
/// Encrypts secrets at rest with ASP.NET Core Data Protection (authenticated encryption, keys rotated every 90 days,
/// old keys kept for decryption). The key ring lives in the database (the EF Core key store on
/// <c>data_protection_keys</c>) so every instance can read what another wrote.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Connections.Secrets.v1");

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedText) => _protector.Unprotect(protectedText);
}
