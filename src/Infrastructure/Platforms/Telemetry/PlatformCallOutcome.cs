using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Connections.Infrastructure.Platforms.Telemetry;

/// <summary>The <c>outcome</c> tag of a platform call: a fixed word, decided from the status, the exception or Slack's envelope.</summary>
internal static class PlatformCallOutcome
{
    public const string Ok = "ok";
    /// <summary>Slack's HTTP 200 with <c>{"ok": false, "error": …}</c> (invalid_auth, missing_scope, channel_not_found…).</summary>
    public const string ApiError = "api_error";
    public const string RateLimited = "rate_limited";
    public const string ClientError = "client_error";
    public const string ServerError = "server_error";
    public const string Timeout = "timeout";
    public const string NetworkError = "network_error";
    public const string CircuitOpen = "circuit_open";
    public const string Canceled = "canceled";
    public const string Error = "error";

    /// <summary>How many bytes of a Slack answer are read to find <c>ok</c> (Slack writes it first).</summary>
    private const int SlackEnvelopePeekBytes = 1024;

    public static string Of(HttpStatusCode status) => (int)status switch
    {
        429 => RateLimited,
        408 => Timeout,
        >= 500 => ServerError,
        >= 400 => ClientError,
        _ => Ok,
    };

    /// <summary>What an exception out of the handler chain means; a cancellation the caller asked for is <see cref="Canceled"/>.</summary>
    public static string Of(Exception exception, CancellationToken callerToken) => exception switch
    {
        BrokenCircuitException => CircuitOpen,
        TimeoutRejectedException => Timeout,
        OperationCanceledException when callerToken.IsCancellationRequested => Canceled,
        OperationCanceledException => Timeout,
        HttpRequestException => NetworkError,
        _ => Error,
    };

    /// <summary>
    /// True when a Slack answer is <c>{"ok": false, …}</c>. Reads only the start of the body (buffered, then rewound, so
    /// the client still reads all of it).
    /// </summary>
    public static async Task<bool> IsSlackApiErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return false;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        // The buffered content hands out one cached stream: rewind it, never dispose it.
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var head = new byte[SlackEnvelopePeekBytes];
        int read;
        try
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }
        finally
        {
            if (stream.CanSeek)
            {
                stream.Position = 0;
            }
        }

        return SlackOkIsFalse(head.AsSpan(0, read), isFinalBlock: read < head.Length);
    }

    /// <summary>True when the top-level <c>ok</c> of the JSON (or of its first bytes) is <c>false</c>.</summary>
    public static bool SlackOkIsFalse(ReadOnlySpan<byte> json, bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock, default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("ok"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.False;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the client reports that itself.
        }

        return false;
    }
}
