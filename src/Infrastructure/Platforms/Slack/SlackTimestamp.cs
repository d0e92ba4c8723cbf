using System.Globalization;

namespace Connections.Infrastructure.Platforms.Slack;

/// <summary>Slack <c>ts</c> strings (<c>"1700000000.000100"</c>: unix seconds and microseconds), which are also message ids.</summary>
public static class SlackTimestamp
{
    /// <summary>Reads a ts as microseconds since the epoch (comparable) and as a time.</summary>
    public static bool TryParse(string? ts, out long micros)
    {
        micros = 0;
        if (string.IsNullOrEmpty(ts) || ts.Length > 32)
        {
            return false;
        }

        var dot = ts.IndexOf('.', StringComparison.Ordinal);
        var secondsPart = dot < 0 ? ts : ts[..dot];
        var fractionPart = dot < 0 ? "" : ts[(dot + 1)..];
        if (!long.TryParse(secondsPart, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 253_402_300_799 // 9999-12-31
            || fractionPart.Length > 6
            || (dot >= 0 && fractionPart.Length == 0))
        {
            return false;
        }

        long fraction = 0;
        if (fractionPart.Length > 0 && !long.TryParse(fractionPart.PadRight(6, '0'), NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
        {
            return false;
        }

        micros = (seconds * 1_000_000) + fraction;
        return true;
    }

    public static DateTimeOffset ToTime(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary>The later of two ts strings (either may be null); ties keep <paramref name="a"/>.</summary>
    public static string? Latest(string? a, string? b)
    {
        if (!TryParse(b, out var bMicros))
        {
            return a;
        }

        return TryParse(a, out var aMicros) && aMicros >= bMicros ? a : b;
    }
}
