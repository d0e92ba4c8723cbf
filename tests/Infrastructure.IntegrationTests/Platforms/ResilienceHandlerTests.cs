using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Connections.Domain.Connections;
using Connections.Infrastructure.Platforms;
using Connections.Infrastructure.Platforms.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Telemetry;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

/// <summary>
/// The platform resilience handler's decisions against a scripted primary handler: real IHttpClientFactory clients
/// registered with <see cref="PlatformResilience.AddPlatformResilienceHandler"/>, no server, little waiting.
/// </summary>
public class ResilienceHandlerTests
{
    private static readonly ResilienceOptions FastOptions = new()
    {
        TotalTimeout = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(1),
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        MinimumThroughput = 100,
    };

    /// <summary>No retries, and a breaker that opens on the second failure and stays open for the test.</summary>
    private static readonly ResilienceOptions BreakerOptions = new()
    {
        TotalTimeout = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(1),
        MaxRetryAttempts = 0,
        MinimumThroughput = 2,
        FailureRatio = 0.5,
        BreakDuration = TimeSpan.FromSeconds(30),
    };

    private readonly List<ServiceProvider> _providers = [];

    [TearDown]
    public void DisposeProviders()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _providers.Clear();
    }

    [TestCase(HttpStatusCode.BadRequest)]
    [TestCase(HttpStatusCode.Unauthorized)]
    [TestCase(HttpStatusCode.Forbidden)]
    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.Conflict)]
    public async Task SendAsync_WhenAnswerIsANonTransient4xx_ShouldNotRetry(HttpStatusCode status)
    {
        var (client, inner) = Build(() => new HttpResponseMessage(status), () => new HttpResponseMessage(HttpStatusCode.OK));
        using (client)
        {
            using var response = await client.GetAsync("x");

            response.StatusCode.ShouldBe(status);
            inner.Calls.ShouldBe(1);
        }
    }

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    [TestCase(HttpStatusCode.RequestTimeout)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public async Task SendAsync_WhenAnswerIsTransient_ShouldRetryThenSucceed(HttpStatusCode status)
    {
        var (client, inner) = Build(() => new HttpResponseMessage(status), () => new HttpResponseMessage(HttpStatusCode.OK));
        using (client)
        {
            using var response = await client.GetAsync("x");

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            inner.Calls.ShouldBe(2);
        }
    }

    [Test]
    public async Task SendAsync_WhenTheNetworkFailsEveryTime_ShouldTryFourTimesThenThrow()
    {
        var (client, inner) = Build(() => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using (client)
        {
            await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("x"));

            inner.Calls.ShouldBe(1 + FastOptions.MaxRetryAttempts);
        }
    }

    [Test]
    public async Task SendAsync_WhenTheBodyStallsAfterTheHeaders_ShouldTimeOutTheAttemptAndRetry()
    {
        var options = new ResilienceOptions
        {
            TotalTimeout = TimeSpan.FromSeconds(5),
            AttemptTimeout = TimeSpan.FromMilliseconds(300),
            BaseDelay = TimeSpan.FromMilliseconds(1),
            MaxDelay = TimeSpan.FromMilliseconds(5),
            MinimumThroughput = 100,
        };
        var (client, inner) = Build(
            options,
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StallingContent() },
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("done") });
        using (client)
        {
            // A safety net only: without the per-attempt buffering the body read would hang here until it fires.
            using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var stopwatch = Stopwatch.StartNew();

            using var response = await client.GetAsync("x", safety.Token);

            (await response.Content.ReadAsStringAsync(safety.Token)).ShouldBe("done");
            inner.Calls.ShouldBe(2);
            stopwatch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        }
    }

    [Test]
    public async Task SendAsync_WhenRetryAfterExceedsTheMaximumWait_ShouldHandBackThe429AtOnce()
    {
        var (client, inner) = Build(() => RateLimited(header: "120"), () => new HttpResponseMessage(HttpStatusCode.OK));
        using (client)
        {
            using var response = await client.GetAsync("x");

            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(120));
            inner.Calls.ShouldBe(1);
        }
    }

    [Test]
    public async Task SendAsync_WhenDiscordsBodyNamesAShorterWaitThanItsHeader_ShouldWaitTheBodysRetryAfter()
    {
        var (client, inner) = Build(() => RateLimited(header: "3", bodySeconds: 0.3), () => new HttpResponseMessage(HttpStatusCode.OK));
        using (client)
        {
            var stopwatch = Stopwatch.StartNew();

            using var response = await client.GetAsync("x");

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            inner.Calls.ShouldBe(2);
            stopwatch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(280));
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2.5), "the precise body wins over the rounded header");
        }
    }

    [Test]
    public async Task SendAsync_WhenTheAskedWaitNoLongerFitsWhatIsLeftOfTheBudget_ShouldHandBackThe429()
    {
        // 0.5 s fits an untouched 0.8 s budget, so the first 429 is sat out; after it only ~0.3 s are left.
        var options = new ResilienceOptions
        {
            TotalTimeout = TimeSpan.FromMilliseconds(800),
            AttemptTimeout = TimeSpan.FromMilliseconds(500),
            MaxRetryAfter = TimeSpan.FromSeconds(10),
            MinimumThroughput = 100,
        };
        var (client, inner) = Build(options, () => RateLimited(bodySeconds: 0.5));
        using (client)
        {
            using var response = await client.GetAsync("x");

            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests, "given back for RATE_LIMITED, not cut by the total timeout");
            inner.Calls.ShouldBe(2);
        }
    }

    [Test]
    public async Task SendAsync_WhenOneWorkspaceIsRateLimitedRepeatedly_ShouldNotOpenTheCircuitForOthers()
    {
        var calls = 0;
        var (client, inner) = Build(BreakerOptions, () =>
        {
            calls++;
            return calls <= 10 ? RateLimited(header: "120") : new HttpResponseMessage(HttpStatusCode.OK);
        });
        using (client)
        {
            for (var i = 0; i < 10; i++)
            {
                using var limited = await client.GetAsync("x");
                limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            }

            using var other = await client.GetAsync("y");

            other.StatusCode.ShouldBe(HttpStatusCode.OK, "429s are a quota, not an outage: the circuit stays closed");
            inner.Calls.ShouldBe(11);
        }
    }

    [Test]
    public async Task SendAsync_WhenAPlatformsCircuitOpens_ShouldFailFastForEveryClientOfThatPlatformAndNoOther()
    {
        var failingSlack = new ScriptedHandler([() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)]);
        var otherSlack = new ScriptedHandler([() => new HttpResponseMessage(HttpStatusCode.OK)]);
        var discord = new ScriptedHandler([() => new HttpResponseMessage(HttpStatusCode.OK)]);
        var factory = Services(BreakerOptions, services =>
        {
            AddClient(services, "slack-a", Platform.Slack, failingSlack);
            AddClient(services, "slack-b", Platform.Slack, otherSlack);
            AddClient(services, "discord", Platform.Discord, discord);
        }).GetRequiredService<IHttpClientFactory>();

        using (var failing = factory.CreateClient("slack-a"))
        {
            for (var i = 0; i < 2; i++)
            {
                using var response = await failing.GetAsync("x");
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            }
        }

        using var sameTeam = factory.CreateClient("slack-b");
        await Should.ThrowAsync<BrokenCircuitException>(() => sameTeam.GetAsync("x"));
        otherSlack.Calls.ShouldBe(0, "another client of the same platform shares its breaker");

        using var otherPlatform = factory.CreateClient("discord");
        using var fine = await otherPlatform.GetAsync("x");
        fine.StatusCode.ShouldBe(HttpStatusCode.OK, "Slack's trouble never opens Discord's circuit");
        discord.Calls.ShouldBe(1);
    }

    [Test]
    public async Task SendAsync_WhenTheHandlerIsRecycled_ShouldKeepThePlatformsOpenCircuit()
    {
        var inner = new ScriptedHandler([() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)]);
        var handlers = Services(BreakerOptions, services =>
                AddClient(services, "slack", Platform.Slack, inner).SetHandlerLifetime(TimeSpan.FromSeconds(1)))
            .GetRequiredService<IHttpMessageHandlerFactory>();
        var first = handlers.CreateHandler("slack");
        using (var client = new HttpClient(first, disposeHandler: false) { BaseAddress = new Uri("http://localhost/") })
        {
            for (var i = 0; i < 2; i++)
            {
                using var response = await client.GetAsync("x");
                response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            }
        }

        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        var second = handlers.CreateHandler("slack");

        second.ShouldNotBeSameAs(first, "the handler lifetime passed, so the factory built a new handler chain");
        using var after = new HttpClient(second, disposeHandler: false) { BaseAddress = new Uri("http://localhost/") };
        await Should.ThrowAsync<BrokenCircuitException>(() => after.GetAsync("x"));
        inner.Calls.ShouldBe(2);
    }

    [Test]
    public async Task SendAsync_WhenRetriesGrow_ShouldBackOffExponentiallyWithJitterAndStayCapped()
    {
        var options = new ResilienceOptions
        {
            TotalTimeout = TimeSpan.FromSeconds(5),
            AttemptTimeout = TimeSpan.FromSeconds(1),
            MaxRetryAttempts = 5,
            BaseDelay = TimeSpan.FromMilliseconds(2),
            MaxDelay = TimeSpan.FromMilliseconds(20),
            MinimumThroughput = 100_000,
        };
        var delays = new RetryDelays();
        var inner = new ScriptedHandler([() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)]);
        var factory = Services(options, services => AddClient(services, "test", Platform.Slack, inner), delays)
            .GetRequiredService<IHttpClientFactory>();
        using var client = factory.CreateClient("test");

        const int Calls = 40;
        for (var i = 0; i < Calls; i++)
        {
            using var response = await client.GetAsync("x");
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }

        var byRetry = delays.Recorded.GroupBy(d => d.Retry).OrderBy(g => g.Key).Select(g => g.Select(d => d.Delay).ToArray()).ToArray();
        byRetry.Length.ShouldBe(options.MaxRetryAttempts);
        byRetry.ShouldAllBe(retry => retry.Length == Calls);
        double Mean(int retry) => byRetry[retry].Average(d => d.TotalMilliseconds);

        // Polly's jittered exponential back-off: the median roughly doubles with each retry (expected ratios ~8.5 and
        // ~3.5; the thresholds leave a wide margin for the jitter over 40 samples).
        Mean(4).ShouldBeGreaterThan(4 * Mean(0));
        Mean(4).ShouldBeGreaterThan(2 * Mean(2));
        byRetry[0].Distinct().Count().ShouldBeGreaterThan(Calls / 2, "jittered, not a fixed schedule");
        byRetry.SelectMany(d => d).ShouldAllBe(d => d >= TimeSpan.Zero && d <= options.MaxDelay);
        byRetry[4].ShouldContain(options.MaxDelay, "the cap is reached and held");
    }

    private static HttpResponseMessage RateLimited(string? header = null, double? bodySeconds = null)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        if (header is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", header);
        }

        if (bodySeconds is { } seconds)
        {
            response.Content = new StringContent(
                $$"""{"message": "You are being rate limited.", "retry_after": {{seconds.ToString(CultureInfo.InvariantCulture)}}, "global": false}""",
                Encoding.UTF8,
                "application/json");
        }

        return response;
    }

    private (HttpClient Client, ScriptedHandler Inner) Build(params Func<HttpResponseMessage>[] script) => Build(FastOptions, script);

    private (HttpClient Client, ScriptedHandler Inner) Build(ResilienceOptions options, params Func<HttpResponseMessage>[] script)
    {
        var inner = new ScriptedHandler(script);
        var provider = Services(options, services => AddClient(services, "test", Platform.Slack, inner));
        return (provider.GetRequiredService<IHttpClientFactory>().CreateClient("test"), inner);
    }

    private ServiceProvider Services(ResilienceOptions options, Action<IServiceCollection> addClients, TelemetryListener? listener = null)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddOptions<PlatformsOptions>().Configure(o => o.Resilience = options);
        if (listener is not null)
        {
            services.Configure<TelemetryOptions>(o => o.TelemetryListeners.Add(listener));
        }

        addClients(services);
        var provider = services.BuildServiceProvider(validateScopes: true);
        _providers.Add(provider);
        return provider;
    }

    private static IHttpClientBuilder AddClient(IServiceCollection services, string name, Platform platform, HttpMessageHandler primary) =>
        services.AddHttpClient(name, client =>
            {
                client.BaseAddress = new Uri("http://localhost/");
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddPlatformResilienceHandler(platform)
            .ConfigurePrimaryHttpMessageHandler(() => primary);

    private sealed class ScriptedHandler(Func<HttpResponseMessage>[] script) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var step = script[Math.Min(Calls, script.Length - 1)];
            Interlocked.Increment(ref _calls);
            return Task.FromResult(step());
        }
    }

    /// <summary>Headers arrive, then the body never does (until the reader gives up).</summary>
    private sealed class StallingContent : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Polly's own telemetry of each retry: which retry and the delay chosen for it.</summary>
    private sealed class RetryDelays : TelemetryListener
    {
        public ConcurrentQueue<(int Retry, TimeSpan Delay)> Recorded { get; } = new();

        public override void Write<TResult, TArgs>(in TelemetryEventArguments<TResult, TArgs> args)
        {
            if (args.Arguments is OnRetryArguments<HttpResponseMessage> retry)
            {
                Recorded.Enqueue((retry.AttemptNumber, retry.RetryDelay));
            }
        }
    }
}
