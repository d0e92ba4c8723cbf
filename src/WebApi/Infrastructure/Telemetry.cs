using System.Diagnostics;
using Connections.Application.Common.Telemetry;
using Connections.WebApi.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// OpenTelemetry: traces of incoming HTTP, outgoing Slack/Discord calls, database commands and sync runs; metrics of
/// HTTP, the runtime and the service's own <see cref="ConnectionsMetrics"/>. Exported with OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, scraped at <c>/metrics</c> when <c>Telemetry:Prometheus</c> is on.
/// Every log line written inside a span carries its trace id, the same value problems show as <c>trace_id</c>.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "connections";
    public const string MetricsPath = "/metrics";

    /// <summary>EF Core's name for the Npgsql provider, whose commands the Npgsql source traces already (with raw SQL too).</summary>
    private const string NpgsqlEfProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddOptions<TelemetryOptions>().Bind(section);
        // The OTLP exporter reads this variable (and the other OTEL_EXPORTER_OTLP_* ones) itself.
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        // Each log scope then carries TraceId and SpanId of the current span: the request's, or a sync run's.
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, win over the default name.
            .ConfigureResource(resource => resource.AddService(ServiceName).AddEnvironmentVariableDetector())
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(ConnectionsActivitySource.Name)
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperational(context.Request.Path))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddEntityFrameworkCoreInstrumentation(o => o.Filter = (provider, _) => provider != NpgsqlEfProvider)
                    // Before any exporter: exporters see spans only after it removed statements and queries.
                    .AddProcessor(new RedactingActivityProcessor());
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(ConnectionsMetrics.MeterName)
                    // The standard resilience handler's own events (retries, timeouts, breaker transitions), by pipeline.
                    .AddMeter("Polly")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    // The runtime's own meter (GC, heap, thread pool, exceptions); what the Runtime instrumentation package registers on .NET 9+.
                    .AddMeter("System.Runtime");
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>
    /// Maps <c>/metrics</c> when <c>Telemetry:Prometheus</c> is on: kept out of the OpenAPI document, limited to
    /// <c>Telemetry:PrometheusHosts</c> when set, and behind an owner/application key when
    /// <c>Telemetry:PrometheusRequireApiKey</c> is on.
    /// </summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.Prometheus)
        {
            return app;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint(MetricsPath).ExcludeFromDescription();
        if (options.PrometheusHosts.Count > 0)
        {
            endpoint.RequireHost([.. options.PrometheusHosts]);
        }

        if (options.PrometheusRequireApiKey)
        {
            endpoint.RequireAuthorization(Policies.OwnerOrApplication);
        }
        else
        {
            endpoint.AllowAnonymous();
        }

        return app;
    }

    /// <summary>
    /// The id a problem quotes as <c>trace_id</c>: the W3C trace id of the request's span, which every log line of the
    /// request prints as <c>TraceId</c> and tracing backends search by; the request id when there is no span.
    /// </summary>
    public static string TraceIdOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity
            ? activity.TraceId.ToHexString()
            : context.TraceIdentifier;
    }

    /// <summary>Scrapes and probes: frequent, and no one follows them in a trace.</summary>
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}
