using System.Diagnostics.Metrics;
using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Telemetry;
using Connections.Domain.Connections;
using Connections.FakePlatforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using D = Connections.FakePlatforms.FakeTokens.Discord;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.Infrastructure.IntegrationTests.Platforms.Telemetry;

/// <summary>The platform-call handlers on the real typed clients, over real HTTP against the fake, resilience handler between them.</summary>
public class PlatformCallMetricsTests : PlatformTestBase
{
    private MetricCollector<long> _calls = null!;
    private MetricCollector<double> _durations = null!;
    private MetricCollector<double> _waits = null!;

    /// <summary>A container of its own, with collectors on its meter factory (so no other test's calls are seen).</summary>
    private IServiceProvider Collect(Dictionary<string, string?>? overrides = null)
    {
        var provider = BuildProvider(overrides);
        var meters = provider.GetRequiredService<IMeterFactory>();
        _calls = new MetricCollector<long>(meters, ConnectionsMetrics.MeterName, ConnectionsMetrics.PlatformCallsName);
        _durations = new MetricCollector<double>(meters, ConnectionsMetrics.MeterName, ConnectionsMetrics.PlatformCallDurationName);
        _waits = new MetricCollector<double>(meters, ConnectionsMetrics.MeterName, ConnectionsMetrics.RateLimitWaitName);
        return provider;
    }

    [TearDown]
    public void DisposeCollectors()
    {
        _calls?.Dispose();
        _durations?.Dispose();
        _waits?.Dispose();
    }

    private static Task<Domain.Common.Result<PlatformProbe>> ProbeAsync(IServiceProvider provider, Platform platform, string token, string? guildId = null) =>
        ConnectorFor(provider, platform).ProbeAsync(new PlatformCredentials(token, GuildId: guildId), previouslyValid: false, CancellationToken.None);

    private List<(string Platform, string Method, string Outcome)> Calls() =>
        [.. _calls.GetMeasurementSnapshot().Select(m =>
        {
            m.Value.ShouldBe(1);
            return ((string)m.Tags["platform"]!, (string)m.Tags["method"]!, (string)m.Tags["outcome"]!);
        })];

    [Test]
    public async Task SlackProbe_WhenTokenIsValid_ShouldRecordOneOkCallAndOneDurationPerMethod()
    {
        var provider = Collect();

        (await ProbeAsync(provider, Platform.Slack, FakeTokens.Unique(S.Valid))).IsSuccess.ShouldBeTrue();

        Calls().ShouldBe([("slack", "auth.test", "ok"), ("slack", "conversations.list", "ok")], ignoreOrder: true);
        var durations = _durations.GetMeasurementSnapshot();
        durations.Count.ShouldBe(2);
        durations.ShouldAllBe(d => d.Value > 0 && d.Value < 10);
        _waits.GetMeasurementSnapshot().ShouldBeEmpty();
    }

    [Test]
    public async Task SlackProbe_WhenSlackAnswersOkFalse_ShouldRecordApiError()
    {
        var provider = Collect();

        (await ProbeAsync(provider, Platform.Slack, FakeTokens.Unique(S.Revoked))).IsFailure.ShouldBeTrue();

        Calls().ShouldBe([("slack", "auth.test", "api_error")]);
    }

    [Test]
    public async Task SlackProbe_WhenTheServerFailsEveryTime_ShouldRecordOneServerErrorAfterTheRetries()
    {
        var provider = Collect();
        var token = FakeTokens.Unique(S.ServerError);

        (await ProbeAsync(provider, Platform.Slack, token)).IsFailure.ShouldBeTrue();

        await ShouldSeeRequestsAsync(token, "auth.test", 4);
        Calls().ShouldBe([("slack", "auth.test", "server_error")]);
    }

    [Test]
    public async Task SlackProbe_WhenRateLimitedOnce_ShouldRecordTheRetryAfterWaitAndAnOkCall()
    {
        var provider = Collect();

        (await ProbeAsync(provider, Platform.Slack, FakeTokens.Unique(S.RateLimitedOnce))).IsSuccess.ShouldBeTrue();

        var wait = _waits.GetMeasurementSnapshot().ShouldHaveSingleItem();
        wait.Value.ShouldBe(1.0);
        wait.Tags["platform"].ShouldBe("slack");
        wait.Tags["method"].ShouldBe("auth.test");
        Calls().ShouldContain(("slack", "auth.test", "ok"));
    }

    [Test]
    public async Task SlackProbe_WhenTheWaitDoesNotFitTheBudget_ShouldRecordRateLimitedAndTheWaitAskedFor()
    {
        var provider = Collect();

        (await ProbeAsync(provider, Platform.Slack, FakeTokens.Unique(S.RateLimited))).IsFailure.ShouldBeTrue();

        Calls().ShouldBe([("slack", "auth.test", "rate_limited")]);
        _waits.GetMeasurementSnapshot().ShouldHaveSingleItem().Value.ShouldBe(120.0);
    }

    [Test]
    public async Task DiscordProbe_WhenRateLimitedOnce_ShouldRecordRetryAfterFromTheBody()
    {
        var provider = Collect();

        (await ProbeAsync(provider, Platform.Discord, FakeTokens.Unique(D.RateLimitedOnce), D.GuildId)).IsSuccess.ShouldBeTrue();

        // The body's retry_after (0.5 s) is more precise than the header, which rounds up to 1.
        var wait = _waits.GetMeasurementSnapshot().ShouldHaveSingleItem();
        wait.Value.ShouldBe(0.5);
        wait.Tags["platform"].ShouldBe("discord");
    }

    [Test]
    public async Task DiscordCalls_WhenProbingAndReadingHistory_ShouldBeTaggedWithTemplatedRoutesAndNoIds()
    {
        var provider = Collect();
        var token = FakeTokens.Unique(D.Valid);

        (await ProbeAsync(provider, Platform.Discord, token, D.GuildId)).IsSuccess.ShouldBeTrue();
        var source = provider.GetServices<IMessageSource>().Single(s => s.Platform == Platform.Discord);
        (await source.GetPageAsync(new PlatformCredentials(token, GuildId: D.GuildId), D.GeneralChannelId, null, null, CancellationToken.None)).IsSuccess.ShouldBeTrue();

        var calls = Calls();
        calls.Select(c => c.Method).Distinct().ShouldBe(
            ["users/@me", "applications/@me", "guilds/{id}", "guilds/{id}/channels", "guilds/{id}/members/{id}", "channels/{id}/messages"],
            ignoreOrder: true);
        calls.ShouldAllBe(c => c.Platform == "discord" && c.Outcome == "ok");
        var tagValues = _calls.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values).Select(v => v!.ToString()!).ToList();
        tagValues.ShouldNotContain(v => v.Contains(D.GuildId) || v.Contains(D.GeneralChannelId) || v.Contains(D.BotUserId) || v.Contains(token));
    }

    [Test]
    public async Task SlackProbe_WhenEveryAttemptTimesOut_ShouldRecordTimeout()
    {
        var provider = Collect(new() { ["Platforms:Resilience:AttemptTimeout"] = Ms(300) });

        (await ProbeAsync(provider, Platform.Slack, FakeTokens.Unique(S.Slow))).IsFailure.ShouldBeTrue();

        Calls().ShouldBe([("slack", "auth.test", "timeout")]);
    }

    [Test]
    public async Task SlackProbe_WhenTheConnectionIsRefused_ShouldRecordNetworkError()
    {
        var provider = Collect(new() { ["Platforms:Slack:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/slack/api/" });

        (await ProbeAsync(provider, Platform.Slack, FakeTokens.Unique(S.Valid))).IsFailure.ShouldBeTrue();

        Calls().ShouldBe([("slack", "auth.test", "network_error")]);
    }
}
