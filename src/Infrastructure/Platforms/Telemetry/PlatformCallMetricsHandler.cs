using Connections.Application.Common.Telemetry;
using Connections.Domain.Connections;

namespace Connections.Infrastructure.Platforms.Telemetry;

/// <summary>
/// The OUTER handler of a platform client (before the resilience handler): one record per logical call, with the
/// outcome the caller gets after retries and the whole duration, waits included.
/// </summary>
internal sealed class PlatformCallMetricsHandler(Platform platform, Uri baseAddress, ConnectionsMetrics metrics, TimeProvider clock) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = PlatformMethod.Of(platform, baseAddress, request.RequestUri);
        var started = clock.GetTimestamp();
        HttpResponseMessage? response = null;
        string outcome;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
            outcome = PlatformCallOutcome.Of(response.StatusCode);
            if (outcome == PlatformCallOutcome.Ok && platform == Platform.Slack
                && await PlatformCallOutcome.IsSlackApiErrorAsync(response, cancellationToken))
            {
                outcome = PlatformCallOutcome.ApiError;
            }
        }
        catch (Exception exception)
        {
            response?.Dispose();
            metrics.RecordPlatformCall(platform, method, PlatformCallOutcome.Of(exception, cancellationToken), clock.GetElapsedTime(started));
            throw;
        }

        metrics.RecordPlatformCall(platform, method, outcome, clock.GetElapsedTime(started));
        return response;
    }
}
