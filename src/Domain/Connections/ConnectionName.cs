using System.Globalization;
using Connections.Domain.Common;

namespace Connections.Domain.Connections;

/// <summary>The rules for a connection's display name: trimmed, 1–100 characters, no control or bidi-override characters.</summary>
public static class ConnectionName
{
    public const int MaxLength = 100;

    /// <summary>Trims and checks a name. The error is keyed by <paramref name="field"/>.</summary>
    public static Result<string> Normalize(string? raw, string field = "name")
    {
        var problem = FindProblem(raw);
        return problem is null ? raw!.Trim() : ValidationError.For(field, problem);
    }

    /// <summary>What is wrong with a name, or null when it is acceptable once trimmed.</summary>
    public static string? FindProblem(string? raw)
    {
        var name = raw?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            return "Must not be empty.";
        }

        if (name.Length > MaxLength)
        {
            return $"Must be at most {MaxLength} characters.";
        }

        return HasForbiddenCharacter(name) ? ForbiddenCharacterMessage : null;
    }

    public const string ForbiddenCharacterMessage = "Must not contain control, invisible or bidirectional-override characters.";

    /// <summary>
    /// True when <paramref name="text"/> holds a control character (which forges log lines), a bidi override or an
    /// invisible character (which make two different names look the same). The rule for every display name we store.
    /// </summary>
    public static bool HasForbiddenCharacter(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (char.IsControl(c) || IsBidiControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The key that makes names unique per owner and platform regardless of case.</summary>
    public static string Key(string normalizedName) => normalizedName.ToUpperInvariant();

    /// <summary>
    /// Bidi overrides/embeddings/isolates and marks, plus invisible characters (zero-width space/joiners, word joiner,
    /// BOM, line/paragraph separators) that would let two different names look the same.
    /// </summary>
    private static bool IsBidiControl(char c) =>
        c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C'
            or >= '\u200B' and <= '\u200D' or '\uFEFF' or '\u2028' or '\u2029'
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c is >= '\u2060' and <= '\u206F';
}
