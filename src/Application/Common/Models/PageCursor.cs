using System.Buffers.Text;
using System.Text;

namespace Connections.Application.Common.Models;

/// <summary>
/// An opaque keyset cursor: the sort key of the last item of a page, versioned and base64url-encoded so clients
/// treat it as a token. Paging by key costs the same at any depth, unlike an offset.
/// </summary>
public static class PageCursor
{
    private const string Version = "v1:";

    public static string Encode(string lastKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + lastKey));

    public static bool TryDecode(string? cursor, out string lastKey)
    {
        lastKey = string.Empty;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 256 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        if (!text.StartsWith(Version, StringComparison.Ordinal))
        {
            return false;
        }

        lastKey = text[Version.Length..];
        return lastKey.Length > 0;
    }
}

/// <summary>A page of items and the cursor of the next page, null on the last one.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>
    /// Builds a page from rows read with <c>Take(limit + 1)</c>: the extra row only tells that more follow, and the
    /// cursor is made from the last row kept.
    /// </summary>
    public static Page<T> FromRows<TRow>(IReadOnlyList<TRow> rows, int limit, Func<TRow, T> toItem, Func<TRow, string> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var kept = rows.Take(limit).ToList();
        return new Page<T>(kept.Select(toItem).ToList(), rows.Count > limit ? cursorOf(kept[^1]) : null);
    }
}
