using System.Net;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>/metrics protected the documented ways: only on the management port, and only with an owner or application key.</summary>
public sealed class MetricsEndpointTests : FunctionalTest
{
    private const string ManagementUrl = "http://localhost:9464/metrics";

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus"] = "true",
        ["Telemetry:PrometheusHosts:0"] = "*:9464",
        ["Telemetry:PrometheusRequireApiKey"] = "true",
    };

    [Test]
    public async Task Scrape_WhenNotOnTheManagementPort_ShouldAnswer404()
    {
        using var response = await Application.GetAsync("/metrics");

        await AssertProblemAsync(response, 404, "NOT_FOUND");
    }

    [Test]
    public async Task Scrape_WhenNoKeyIsSent_ShouldAnswer401()
    {
        using var response = await Anonymous.GetAsync(ManagementUrl);

        await AssertProblemAsync(response, 401, "UNAUTHORIZED");
    }

    [Test]
    public async Task Scrape_WhenAMemberKeyIsSent_ShouldAnswer403()
    {
        using var response = await MemberA.GetAsync(ManagementUrl);

        await AssertProblemAsync(response, 403, "FORBIDDEN");
    }

    [Test]
    public async Task Scrape_WhenAnApplicationKeyIsSentToTheManagementPort_ShouldServeTheMetrics()
    {
        using var response = await Application.GetAsync(ManagementUrl);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(text, Does.Contain("# TYPE "));
            Assert.That(new PrometheusScrape(text).Samples, Is.Not.Empty);
        });
    }
}
