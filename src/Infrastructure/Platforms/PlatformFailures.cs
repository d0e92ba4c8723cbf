using System.Net;
using Connections.Domain.Connections;
using Connections.Infrastructure.Platforms.Resilience;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Connections.Infrastructure.Platforms;

/// <summary>
/// The diagnoses both clients share: what a failed transport, an open circuit, a 429 or a 5xx means for a caller.
/// Messages name the platform and what happened, never a token or a URL.
/// </summary>
internal static class PlatformFailures
{
    /// <summary>
    /// True for the exceptions the resilience pipeline lets out when the platform could not be reached or answered
    /// too late. A cancellation the caller asked for is not one of them and must propagate.
    /// </summary>
    public static bool IsTransportFailure(Exception exception, CancellationToken callerToken) => exception switch
    {
        HttpRequestException or TimeoutRejectedException or BrokenCircuitException => true,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        _ => false,
    };

    public static PlatformError FromException(Exception exception, string platform) => exception switch
    {
        // Polly keeps the exception that opened the circuit: if it was the network, say so.
        BrokenCircuitException { InnerException: HttpRequestException or TimeoutRejectedException } broken => new PlatformError(
            ConnectionErrorCode.NetworkError,
            $"{platform} could not be reached repeatedly, so calls to it are paused for a moment. Try again shortly.",
            retryAfter: broken.RetryAfter),
        BrokenCircuitException broken => new PlatformError(
            ConnectionErrorCode.PlatformError,
            $"{platform} has been failing repeatedly, so calls to it are paused for a moment. Try again shortly.",
            retryAfter: broken.RetryAfter),
        TimeoutRejectedException or OperationCanceledException => new PlatformError(
            ConnectionErrorCode.NetworkError,
            $"{platform} did not answer in time."),
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => new PlatformError(
            ConnectionErrorCode.NetworkError,
            $"Could not reach {platform}: its host name did not resolve."),
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => new PlatformError(
            ConnectionErrorCode.NetworkError,
            $"Could not reach {platform}: the secure (TLS) connection failed."),
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => new PlatformError(
            ConnectionErrorCode.NetworkError,
            $"Could not reach {platform}: the connection was refused or dropped."),
        _ => new PlatformError(
            ConnectionErrorCode.NetworkError,
            $"Could not reach {platform}: the connection failed."),
    };

    public static async Task<PlatformError> RateLimitedAsync(
        HttpResponseMessage response, string platform, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var retryAfter = await RetryAfter.FromResponseAsync(response, timeProvider.GetUtcNow(), cancellationToken);
        return RateLimited(platform, retryAfter);
    }

    public static PlatformError RateLimited(string platform, TimeSpan? retryAfter) => new(
        ConnectionErrorCode.RateLimited,
        retryAfter is { } wait
            ? $"{platform} is rate limiting us; it asked us to wait {Math.Ceiling(wait.TotalSeconds):0} s."
            : $"{platform} is rate limiting us; try again in a little while.",
        retryAfter: retryAfter);

    public static PlatformError ServerError(HttpStatusCode status, string platform) => new(
        ConnectionErrorCode.PlatformError,
        $"{platform} is having trouble (HTTP {(int)status}). Try again later.");

    public static PlatformError Unreadable(string platform, string what) => new(
        ConnectionErrorCode.PlatformError,
        $"{platform} sent an answer we could not understand ({what}).");
}
