namespace Connections.WebApi.Infrastructure;

/// <summary>Section <c>Telemetry</c>. OTLP export is configured by the standard <c>OTEL_*</c> environment variables instead.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Serve the Prometheus scrape endpoint at <c>/metrics</c> (off by default: it is anonymous unless protected below).</summary>
    public bool Prometheus { get; set; }

    /// <summary>
    /// <c>/metrics</c> answers only requests to these hosts (<c>RequireHost</c> patterns such as <c>*:9464</c>), so it can
    /// live on a management port that only the scraper reaches while the API port answers it 404.
    /// </summary>
    public IReadOnlyList<string> PrometheusHosts { get; set; } = [];

    /// <summary><c>/metrics</c> needs an owner or application API key as a bearer token (Prometheus' <c>authorization</c> setting).</summary>
    public bool PrometheusRequireApiKey { get; set; }
}
