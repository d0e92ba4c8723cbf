using Connections.Application.Common.Telemetry;
using Connections.Domain.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.Platforms.Telemetry;

/// <summary>
/// Platform-call metrics for the typed clients: <see cref="CallMetrics"/> goes before the resilience handler (one
/// record per logical call), <see cref="RateLimitMetrics"/> after it (each attempt's 429).
/// </summary>
public static class PlatformTelemetry
{
    /// <summary>The meter factory and <see cref="ConnectionsMetrics"/> (hosts register the factory already; plain containers do not).</summary>
    public static IServiceCollection AddPlatformTelemetry(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ConnectionsMetrics>();
        return services;
    }

    public static DelegatingHandler CallMetrics(IServiceProvider services, Platform platform) =>
        new PlatformCallMetricsHandler(platform, BaseUrlOf(services, platform), services.GetRequiredService<ConnectionsMetrics>(), services.GetRequiredService<TimeProvider>());

    public static DelegatingHandler RateLimitMetrics(IServiceProvider services, Platform platform) =>
        new RateLimitMetricsHandler(platform, BaseUrlOf(services, platform), services.GetRequiredService<ConnectionsMetrics>(), services.GetRequiredService<TimeProvider>());

    private static Uri BaseUrlOf(IServiceProvider services, Platform platform)
    {
        var options = services.GetRequiredService<IOptions<PlatformsOptions>>().Value;
        return platform == Platform.Slack ? options.Slack.BaseUrl : options.Discord.BaseUrl;
    }
}
