using System.Net;
using Connections.Application.Common.Telemetry;
using Connections.Domain.Connections;

namespace Connections.Infrastructure.Platforms.Telemetry;

/// <summary>
/// The INNER handler of a platform client (after the resilience handler, so it sees every attempt): records the wait
/// each 429 asks for (<c>Retry-After</c>, or Discord's more precise <c>retry_after</c>), which the retry then honours or,
/// when it does not fit the budget, turns into a paused channel.
/// </summary>
internal sealed class RateLimitMetricsHandler(Platform platform, Uri baseAddress, ConnectionsMetrics metrics, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return response;
        }

        try
        {
            // The clients' own reading of a 429 (header, or Discord's body, which it buffers so the handlers above can
            // still read it): the recorded wait is exactly what the retry and the clients act on.
            var rateLimited = await PlatformFailures.RateLimitedAsync(response, platform.ToString(), clock, cancellationToken);
            if (rateLimited.RetryAfter is { } wait)
            {
                metrics.RecordRateLimitWait(platform, PlatformMethod.Of(platform, baseAddress, request.RequestUri), wait);
            }
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}
