using System.Text.Json;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;

namespace Connections.Application.Common.Models;

/// <summary>
/// Keyset paging cursors: the sort key of the last item of a page, sealed for one list and one set of filters, so a
/// cursor is opaque, tamper-evident and valid only where it was issued — a messages cursor never pages the connection
/// list, and a list cursor never pages the same list with other filters. Paging by key costs the same at any depth.
/// </summary>
public sealed class PageCursors(ICursorProtector protector)
{
    /// <summary>Longer than any cursor we issue; longer input is refused before any cryptography runs.</summary>
    public const int MaxLength = 512;

    public static readonly ValidationError Invalid = ValidationError.For(
        "cursor",
        "Is not a cursor this API issued for this list and these filters; follow the Link header's next URL as it is.",
        "INVALID_CURSOR");

    /// <summary>The list and filters a cursor is valid for, unambiguous whatever the filter values hold.</summary>
    public static string Scope(string list, params string?[] filters)
    {
        ArgumentException.ThrowIfNullOrEmpty(list);
        ArgumentNullException.ThrowIfNull(filters);
        return JsonSerializer.Serialize(filters.Prepend(list));
    }

    public string Issue(string scope, string lastKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(lastKey);
        return protector.Protect(scope, lastKey);
    }

    /// <summary>The last key of the page before, when <paramref name="cursor"/> was issued for exactly this scope.</summary>
    public bool TryRead(string scope, string cursor, out string lastKey)
    {
        lastKey = string.Empty;
        return !string.IsNullOrEmpty(cursor) && cursor.Length <= MaxLength
            && protector.TryUnprotect(scope, cursor, out lastKey) && lastKey.Length > 0;
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
