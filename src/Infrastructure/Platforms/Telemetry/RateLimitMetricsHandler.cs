using System.Net;
using Connections.Application.Common.Telemetry;
using Connections.Domain.Connections;
using Connections.Infrastructure.Http;

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
            // Buffers the small 429 body, so the handlers above can still read it.
            if (await RetryAfter.FromResponseAsync(response, clock.GetUtcNow(), cancellationToken) is { } wait)
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
