using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Connections.Infrastructure.Platforms.Resilience;

/// <summary>
/// Reads how long a platform asked us to wait: the <c>Retry-After</c> header (delta seconds or an HTTP date) and
/// Discord's JSON <c>retry_after</c> (float seconds, more precise than its rounded header, so it wins when present).
/// </summary>
public static class RetryAfter
{
    /// <summary>Bodies larger than this are not read for <c>retry_after</c> (a 429 body is tiny).</summary>
    private const long MaxBodyBytes = 64 * 1024;

    /// <summary>The wait from the response's headers and (when JSON) body, or null when it names none.</summary>
    public static async Task<TimeSpan?> FromResponseAsync(
        HttpResponseMessage response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? body = null;
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && response.Content.Headers.ContentType?.MediaType is { } mediaType
            && mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
            && (response.Content.Headers.ContentLength ?? 0) <= MaxBodyBytes)
        {
            // Buffered, so whoever gets the response next can still read the body.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }

        return Parse(response.Headers.RetryAfter, body, now);
    }

    /// <summary>The wait named by a JSON body's <c>retry_after</c> or else the header; never negative.</summary>
    public static TimeSpan? Parse(RetryConditionHeaderValue? header, string? jsonBody, DateTimeOffset now)
    {
        if (FromJson(jsonBody) is { } fromBody)
        {
            return fromBody;
        }

        return FromHeader(header, now);
    }

    /// <summary>The wait a <c>Retry-After</c> header names: delta seconds, or the time until an HTTP date.</summary>
    public static TimeSpan? FromHeader(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Parses a raw header value, e.g. <c>"120"</c> or <c>"Wed, 21 Oct 2015 07:28:00 GMT"</c>.</summary>
    public static TimeSpan? FromHeader(string? headerValue, DateTimeOffset now) =>
        RetryConditionHeaderValue.TryParse(headerValue, out var parsed) ? FromHeader(parsed, now) : null;

    /// <summary>Discord's <c>{"retry_after": 1.234, …}</c>; null for anything else.</summary>
    public static TimeSpan? FromJson(string? jsonBody)
    {
        if (string.IsNullOrWhiteSpace(jsonBody))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(jsonBody);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("retry_after", out var value))
            {
                return null;
            }

            double seconds;
            if (value.ValueKind == JsonValueKind.Number)
            {
                seconds = value.GetDouble();
            }
            else if (value.ValueKind != JsonValueKind.String
                || !double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            {
                return null;
            }

            if (double.IsNaN(seconds) || double.IsInfinity(seconds) || seconds > TimeSpan.FromDays(1).TotalSeconds)
            {
                return null;
            }

            return seconds <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(seconds);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
