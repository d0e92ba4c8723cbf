namespace Connections.Application.Common.Interfaces;

/// <summary>
/// Seals short payloads for clients to hand back (paging cursors): authenticated, so a changed byte is refused, and
/// bound to a purpose, so a payload sealed for one purpose never opens under another. Shared by every instance.
/// </summary>
public interface ICursorProtector
{
    /// <summary>A URL-safe token carrying <paramref name="payload"/> for <paramref name="purpose"/> only.</summary>
    string Protect(string purpose, string payload);

    /// <summary>The payload of a token <see cref="Protect"/> issued for the same purpose; false for anything else.</summary>
    bool TryUnprotect(string purpose, string token, out string payload);
}
