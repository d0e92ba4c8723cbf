using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Connections.WebApi.FunctionalTests;

/// <summary>
/// Telemetry with the Prometheus endpoint on and a span exporter attached: what an operator's scraper and tracing
/// backend receive after real syncs against the fake platforms — and what they never receive (ids in metric labels,
/// secrets, message text, statements, query strings).
/// </summary>
public sealed class TelemetryTests : SyncTestBase
{
    private readonly SpanRecorder _spans = new();

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus"] = "true",
        ["Sync:Enabled"] = "true",
        ["Sync:PollInterval"] = "01:00:00",
        ["Platforms:Slack:HistoryPageSize"] = "10",
    };

    protected override Action<Microsoft.Extensions.DependencyInjection.IServiceCollection> TestServices => services =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(_spans)));

    [OneTimeTearDown]
    public void DisposeRecorder() => _spans.Dispose();

    private async Task<PrometheusScrape> ScrapeAsync()
    {
        using var response = await Anonymous.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        });
        return new PrometheusScrape(text);
    }

    [Test]
    public async Task Scrape_WhenSlackAndDiscordHaveSynced_ShouldShowSyncPlatformCallAndMessageSeries()
    {
        var (slackBody, slackToken) = SlackBodyWithToken(UniqueName("Metrics"));
        var slack = await CreateSelectedAsync(slackBody, FakeTokens.Slack.GeneralChannelId);
        var text = $"telemetry canary {Guid.NewGuid():N}";
        var newestTs = Fake.AddSlackMessage(slackToken, FakeTokens.Slack.GeneralChannelId, text);
        var (discordBody, discordToken) = DiscordBodyWithToken(UniqueName("Metrics"));
        var discord = await CreateSelectedAsync(discordBody, FakeTokens.Discord.GeneralChannelId);

        var slackRun = await SyncAndWaitAsync(slack);
        var discordRun = await SyncAndWaitAsync(discord);
        await CreateAsync(MemberA, SlackBody(UniqueName("Retried"), FakeTokens.Slack.RateLimitedOnce));
        var scrape = await ScrapeAsync();

        var lag = scrape.Find("connections_sync_lag_seconds", ("connection_id", slack), ("platform", "slack")).ShouldHaveSingleItem().Value;
        var expectedLag = (DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(newestTs, CultureInfo.InvariantCulture) * 1000))).TotalSeconds;
        Assert.Multiple(() =>
        {
            Assert.That(slackRun["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
            Assert.That(discordRun["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));

            Assert.That(scrape.Find("connections_sync_runs_total", ("platform", "slack"), ("outcome", "succeeded")).Sum(s => s.Value), Is.GreaterThanOrEqualTo(1));
            Assert.That(scrape.Find("connections_sync_runs_total", ("platform", "discord"), ("outcome", "succeeded")).Sum(s => s.Value), Is.GreaterThanOrEqualTo(1));

            Assert.That(scrape.Find("connections_platform_calls_total", ("platform", "slack"), ("method", "conversations.history"), ("outcome", "ok")).Sum(s => s.Value), Is.GreaterThanOrEqualTo(1));
            Assert.That(scrape.Find("connections_platform_calls_total", ("platform", "slack"), ("method", "auth.test"), ("outcome", "ok")).Sum(s => s.Value), Is.GreaterThanOrEqualTo(1));
            Assert.That(scrape.Find("connections_platform_calls_total", ("platform", "discord"), ("method", "channels/{id}/messages"), ("outcome", "ok")).Sum(s => s.Value), Is.GreaterThanOrEqualTo(1));
            Assert.That(scrape.Find("connections_platform_call_duration_seconds_count", ("platform", "discord"), ("method", "guilds/{id}"), ("outcome", "ok")), Is.Not.Empty);
            Assert.That(scrape.Named("connections_platform_calls_total").Select(s => s.Labels["outcome"]).Distinct(), Is.SubsetOf(new[]
            {
                "ok", "api_error", "rate_limited", "client_error", "server_error", "timeout", "network_error", "circuit_open", "canceled", "error",
            }));

            Assert.That(scrape.Find("connections_messages_stored_total", ("platform", "slack")).Sum(s => s.Value), Is.GreaterThanOrEqualTo(FakeHistory.Slack.SeededMessageCount + 1));
            Assert.That(scrape.Find("connections_messages_stored_total", ("platform", "discord")).Sum(s => s.Value), Is.GreaterThanOrEqualTo(discordRun["messages_fetched"]!.GetValue<int>()));

            Assert.That(lag, Is.EqualTo(expectedLag).Within(120), "now minus the newest stored message");
            Assert.That(scrape.Find("connections_sync_lag_seconds", ("connection_id", discord), ("platform", "discord")), Has.Count.EqualTo(1));

            Assert.That(scrape.Named("http_server_request_duration_seconds_count").Select(s => s.Labels.GetValueOrDefault("http_route")), Does.Contain("api/connections/{id}/sync"));
            Assert.That(scrape.Samples.Any(s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal)), Is.True, "runtime metrics");
            Assert.That(scrape.Named("resilience_polly_strategy_events_total").Select(s => s.Labels.GetValueOrDefault("event_name")), Does.Contain("OnRetry"), "the resilience handler's events");
        });

        // Labels hold words and connection ids only: no platform id, token, secret or message text.
        Assert.Multiple(() =>
        {
            foreach (var forbidden in new[] { text, slackToken, discordToken, FakeTokens.Slack.GeneralChannelId, FakeTokens.Discord.GeneralChannelId, FakeTokens.Discord.GuildId, FakeTokens.Slack.TeamId })
            {
                Assert.That(scrape.Text, Does.Not.Contain(forbidden));
            }

            Assert.That(Secrets.FindIn([scrape.Text], "scrape"), Is.Empty);
        });
    }

    [Test]
    public async Task Spans_WhenASyncAndASearchRan_ShouldCoverHttpPlatformAndDatabaseWithoutStatementsQueriesSecretsOrText()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Traces"));
        var id = await CreateSelectedAsync(body, FakeTokens.Slack.GeneralChannelId);
        var word = $"tracecanary{Guid.NewGuid():N}";
        Fake.AddSlackMessage(token, FakeTokens.Slack.GeneralChannelId, $"deploy {word} done");
        await SyncAndWaitAsync(id);
        using (var search = await MemberA.GetAsync($"/api/connections/{id}/messages?q={word}"))
        {
            Assert.That((await ReadArrayAsync(search)).Count, Is.EqualTo(1), "the search found the message");
        }

        await WaitForSpanAsync(s => s.Kind == ActivityKind.Server && s.Tag("http.route") == "api/connections/{id}/messages");
        var spans = _spans.Spans.ToList();
        var run = spans.SingleOrDefault(s => s.Source == "Connections" && s.Tag("connections.connection.id") == id);
        var database = spans.Where(s => s.Tag("db.system") is "sqlite" or "postgresql" || s.Tag("db.system.name") is "sqlite" or "postgresql").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(run, Is.Not.Null, "a span for the sync run");
            Assert.That(run?.Tag("connections.sync_run.status"), Is.EqualTo("succeeded"));
            Assert.That(spans.Any(s => s.Kind == ActivityKind.Client && s.TraceId == run?.TraceId && s.Tag("url.full")?.Contains("/slack/api/conversations.history", StringComparison.Ordinal) == true),
                Is.True, "the run's Slack calls are in its trace");
            Assert.That(database, Is.Not.Empty, "database spans");
            Assert.That(database.Where(s => s.TraceId == run?.TraceId), Is.Not.Empty, "the run's statements are in its trace");
            Assert.That(spans.Where(s => s.Has("db.statement") || s.Has("db.query.text")).Select(s => s.Name), Is.Empty, "no statement text");
            Assert.That(spans.Where(s => s.AllText.Contains("Host=", StringComparison.Ordinal) || s.AllText.Contains("Data Source=", StringComparison.Ordinal)).Select(s => s.Name),
                Is.Empty, "no connection string");
            Assert.That(spans.Where(s => s.Has("url.query") || s.Tag("url.full")?.Contains('?', StringComparison.Ordinal) == true).Select(s => s.AllText), Is.Empty, "no query string");
            Assert.That(spans.Where(s => s.AllText.Contains(word, StringComparison.Ordinal)).Select(s => s.AllText), Is.Empty, "no message or search text");
            Assert.That(Secrets.FindIn(spans.Select(s => s.AllText), "span"), Is.Empty);
        });
    }

    [Test]
    public async Task Problem_WhenTheConnectionIsUnknown_ShouldQuoteTheTraceIdOfTheRequestsSpan()
    {
        using var response = await MemberA.GetAsync("/api/connections/conn_telemetry_unknown");
        var problem = await AssertProblemAsync(response, 404, "CONNECTION_NOT_FOUND");
        var traceId = problem["trace_id"]!.GetValue<string>();

        var span = await WaitForSpanAsync(s => s.Kind == ActivityKind.Server && s.TraceId == traceId);

        Assert.That(span.Tag("http.route"), Is.EqualTo("api/connections/{id}"));
    }

    [Test]
    public async Task OpenApiDocument_WhenPrometheusIsOn_ShouldNotListMetrics()
    {
        using var response = await Anonymous.GetAsync("/openapi/v1.json");
        var paths = (await ReadObjectAsync(response))["paths"]!.AsObject();

        Assert.That(paths.Select(p => p.Key), Has.None.Contains("metrics"));
    }

    private async Task<SpanRecorder.RecordedSpan> WaitForSpanAsync(Func<SpanRecorder.RecordedSpan, bool> match)
    {
        // A server span ends just after its response is sent.
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(20))
        {
            if (_spans.Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }
        }

        Assert.Fail("The expected span was not exported.");
        return null!;
    }
}
