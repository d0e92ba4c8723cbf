using System.Net;
using Connections.Infrastructure.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

/// <summary>The handler's decisions against a scripted inner handler: no server, no waiting.</summary>
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

    private static (HttpClient Client, ScriptedHandler Inner) Build(params Func<HttpResponseMessage>[] script)
    {
        var inner = new ScriptedHandler(script);
        var pipeline = HttpResiliencePipeline.Create("test", FastOptions, TimeProvider.System, NullLogger.Instance);
        var handler = new ResilienceHandler(pipeline, TimeProvider.System) { InnerHandler = inner };
        return (new HttpClient(handler) { BaseAddress = new Uri("http://localhost/") }, inner);
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
    public async Task SendAsync_WhenRetryAfterExceedsTheMaximumWait_ShouldHandBackThe429AtOnce()
    {
        var (client, inner) = Build(
            () =>
            {
                var tooLong = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
                tooLong.Headers.TryAddWithoutValidation("Retry-After", "120");
                return tooLong;
            },
            () => new HttpResponseMessage(HttpStatusCode.OK));
        using (client)
        {
            using var response = await client.GetAsync("x");

            response.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(120));
            inner.Calls.ShouldBe(1);
        }
    }

    [Test]
    public async Task SendAsync_WhenOneWorkspaceIsRateLimitedRepeatedly_ShouldNotOpenTheCircuitForOthers()
    {
        var breakerOptions = new ResilienceOptions
        {
            TotalTimeout = TimeSpan.FromSeconds(5),
            AttemptTimeout = TimeSpan.FromSeconds(1),
            MaxRetryAttempts = 0,
            MinimumThroughput = 2,
            FailureRatio = 0.5,
            BreakDuration = TimeSpan.FromSeconds(30),
        };
        var calls = 0;
        var inner = new ScriptedHandler([() =>
        {
            calls++;
            var limited = new HttpResponseMessage(calls <= 10 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK);
            limited.Headers.TryAddWithoutValidation("Retry-After", "120");
            return limited;
        }]);
        var pipeline = HttpResiliencePipeline.Create("test", breakerOptions, TimeProvider.System, NullLogger.Instance);
        using var client = new HttpClient(new ResilienceHandler(pipeline, TimeProvider.System) { InnerHandler = inner }) { BaseAddress = new Uri("http://localhost/") };

        for (var i = 0; i < 10; i++)
        {
            using var limited = await client.GetAsync("x");
            limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        }

        using var other = await client.GetAsync("y");

        other.StatusCode.ShouldBe(HttpStatusCode.OK, "429s are a quota, not an outage: the circuit stays closed");
        inner.Calls.ShouldBe(11);
    }

    [Test]
    public void BackoffDelay_WhenRetriesGrow_ShouldDoubleWithinJitterAndStayCapped()
    {
        var options = new ResilienceOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) };

        HttpResiliencePipeline.BackoffDelay(0, options).TotalSeconds.ShouldBeInRange(0.75, 1.25);
        HttpResiliencePipeline.BackoffDelay(1, options).TotalSeconds.ShouldBeInRange(1.5, 2.5);
        HttpResiliencePipeline.BackoffDelay(5, options).TotalSeconds.ShouldBeInRange(2.25, 3.75);
    }

    private sealed class ScriptedHandler(Func<HttpResponseMessage>[] script) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var step = script[Math.Min(Calls, script.Length - 1)];
            Calls++;
            return Task.FromResult(step());
        }
    }
}
