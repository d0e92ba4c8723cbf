using System.Text;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connections.WebApi.FunctionalTests;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, traces and metrics go to that collector over OTLP.</summary>
public sealed class OtlpExportTests : FunctionalTest
{
    private readonly OtlpReceiver _collector = new();

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _collector.Endpoint.ToString(),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    [OneTimeTearDown]
    public void StopCollector() => _collector.Dispose();

    [Test]
    public async Task Export_WhenTheOtlpEndpointIsSet_ShouldSendTheRequestsTraceAndTheMetricsThere()
    {
        using var response = await MemberA.GetAsync($"/api/connections/conn_{Guid.NewGuid():N}");
        var traceId = (await AssertProblemAsync(response, 404, "CONNECTION_NOT_FOUND"))["trace_id"]!.GetValue<string>();

        Assert.Multiple(() =>
        {
            Assert.That(App.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), Is.True, "traces flushed");
            Assert.That(App.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), Is.True, "metrics flushed");
        });
        var traces = _collector.Received("/v1/traces");
        var metrics = _collector.Received("/v1/metrics");
        var traceIdBytes = Convert.FromHexString(traceId);
        Assert.Multiple(() =>
        {
            Assert.That(_collector.ContentTypes, Has.All.EqualTo("application/x-protobuf"));
            Assert.That(traces.Any(body => body.AsSpan().IndexOf(traceIdBytes) >= 0), Is.True, "the request's span, under the problem's trace id");
            Assert.That(traces.Any(body => Contains(body, "connections")), Is.True, "service.name");
            Assert.That(metrics.Any(body => Contains(body, "http.server.request.duration")), Is.True, "HTTP server metrics");
            Assert.That(Secrets.FindIn(traces.Concat(metrics).Select(b => Encoding.Latin1.GetString(b)), "OTLP export"), Is.Empty);
        });
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
