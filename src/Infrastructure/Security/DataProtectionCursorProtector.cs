using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Connections.Application.Common.Interfaces;
using Microsoft.AspNetCore.DataProtection;

namespace Connections.Infrastructure.Security;

/// <summary>
/// Seals paging cursors with Data Protection (authenticated encryption under the shared key ring, so any instance
/// opens what another issued); the purpose becomes a sub-purpose of the protector, so a cursor opens only for the list
/// and filters it was issued for.
/// </summary>
internal sealed class DataProtectionCursorProtector(IDataProtectionProvider provider) : ICursorProtector
{
    private readonly IDataProtector _root = provider.CreateProtector("Connections.PageCursor.v1");

    public string Protect(string purpose, string payload) =>
        Base64Url.EncodeToString(_root.CreateProtector(purpose).Protect(Encoding.UTF8.GetBytes(payload)));

    public bool TryUnprotect(string purpose, string token, out string payload)
    {
        payload = string.Empty;
        if (string.IsNullOrEmpty(token) || !Base64Url.IsValid(token))
        {
            return false;
        }

        try
        {
            payload = Encoding.UTF8.GetString(_root.CreateProtector(purpose).Unprotect(Base64Url.DecodeFromChars(token)));
            return true;
        }
        catch (CryptographicException)
        {
            // Not ours, tampered with, or issued for another list or other filters: the caller answers INVALID_CURSOR.
            return false;
        }
    }
}
