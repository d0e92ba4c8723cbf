using System.Collections.Concurrent;
using Connections.Domain.Connections;
using Connections.Infrastructure.Platforms;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Connections.Infrastructure.Http;

/// <summary>
/// One resilience pipeline per platform, built once and kept for the life of the container (registered as a
/// singleton), so a circuit opened by failing Slack calls stays open across recycled handlers and clients, and
/// Slack's trouble never opens Discord's circuit.
/// </summary>
public sealed class PlatformResiliencePipelines
{
    private readonly ConcurrentDictionary<Platform, Lazy<ResiliencePipeline<HttpResponseMessage>>> _pipelines = new();
    private readonly ResilienceOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;

    public PlatformResiliencePipelines(IOptions<PlatformsOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Resilience;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _loggerFactory = loggerFactory ?? throw new ArgumentNullException(nameof(loggerFactory));
    }

    /// <summary>The platform's pipeline; the same instance on every call.</summary>
    public ResiliencePipeline<HttpResponseMessage> For(Platform platform) =>
        _pipelines.GetOrAdd(
            platform,
            p => new Lazy<ResiliencePipeline<HttpResponseMessage>>(() => HttpResiliencePipeline.Create(
                $"{p.ToString().ToLowerInvariant()}-http",
                _options,
                _timeProvider,
                _loggerFactory.CreateLogger($"Connections.Infrastructure.Http.{p}Resilience")))).Value;

    /// <summary>A new handler around the platform's long-lived pipeline (IHttpClientFactory asks for one per handler lifetime).</summary>
    public ResilienceHandler CreateHandler(Platform platform) => new(For(platform), _timeProvider);
}
