using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Connections.Infrastructure.Platforms.Telemetry;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Connections.Infrastructure.IntegrationTests.Platforms.Telemetry;

public class PlatformCallOutcomeTests
{
    [TestCase(HttpStatusCode.OK, "ok")]
    [TestCase(HttpStatusCode.NoContent, "ok")]
    [TestCase(HttpStatusCode.TooManyRequests, "rate_limited")]
    [TestCase(HttpStatusCode.RequestTimeout, "timeout")]
    [TestCase(HttpStatusCode.Unauthorized, "client_error")]
    [TestCase(HttpStatusCode.Forbidden, "client_error")]
    [TestCase(HttpStatusCode.NotFound, "client_error")]
    [TestCase(HttpStatusCode.InternalServerError, "server_error")]
    [TestCase(HttpStatusCode.BadGateway, "server_error")]
    [TestCase(HttpStatusCode.ServiceUnavailable, "server_error")]
    public void Of_WhenAnswered_ShouldClassifyTheStatus(HttpStatusCode status, string expected) =>
        PlatformCallOutcome.Of(status).ShouldBe(expected);

    [Test]
    public void Of_WhenAnExceptionEndsTheCall_ShouldNameWhatHappened()
    {
        PlatformCallOutcome.Of(new HttpRequestException(HttpRequestError.ConnectionError, "refused"), CancellationToken.None).ShouldBe("network_error");
        PlatformCallOutcome.Of(new TimeoutRejectedException(), CancellationToken.None).ShouldBe("timeout");
        PlatformCallOutcome.Of(new TaskCanceledException(), CancellationToken.None).ShouldBe("timeout");
        PlatformCallOutcome.Of(new BrokenCircuitException(), CancellationToken.None).ShouldBe("circuit_open");
        PlatformCallOutcome.Of(new InvalidOperationException(), CancellationToken.None).ShouldBe("error");
    }

    [Test]
    public void Of_WhenTheCallerCancelled_ShouldBeCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        PlatformCallOutcome.Of(new TaskCanceledException(), cancelled.Token).ShouldBe("canceled");
    }

    [TestCase("""{"ok":false,"error":"invalid_auth"}""", true)]
    [TestCase("""{ "ok" : false }""", true)]
    [TestCase("""{"ok":true,"channels":[]}""", false)]
    [TestCase("""{"channels":[{"ok":false}],"ok":true}""", false)]
    [TestCase("""{"warning":"x","ok":false}""", true)]
    [TestCase("""not json""", false)]
    [TestCase("""[]""", false)]
    public void SlackOkIsFalse_WhenGivenAnEnvelope_ShouldReadOnlyTheTopLevelOk(string json, bool expected) =>
        PlatformCallOutcome.SlackOkIsFalse(Encoding.UTF8.GetBytes(json), isFinalBlock: true).ShouldBe(expected);

    [Test]
    public void SlackOkIsFalse_WhenOkComesAfterTheFirstBytes_ShouldNotGuess()
    {
        var json = Encoding.UTF8.GetBytes("{\"messages\":[" + string.Join(',', Enumerable.Repeat("{\"text\":\"hello\"}", 200)) + "],\"ok\":false}");

        PlatformCallOutcome.SlackOkIsFalse(json.AsSpan(0, 1024), isFinalBlock: false).ShouldBeFalse();
    }

    [Test]
    public async Task IsSlackApiErrorAsync_WhenItPeeked_ShouldLeaveTheWholeBodyReadableForTheClient()
    {
        const string body = """{"ok":false,"error":"not_in_channel"}""";
        using var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };

        (await PlatformCallOutcome.IsSlackApiErrorAsync(response, CancellationToken.None)).ShouldBeTrue();

        (await response.Content.ReadAsStringAsync()).ShouldBe(body);
        await using var stream = await response.Content.ReadAsStreamAsync();
        (await new StreamReader(stream).ReadToEndAsync()).ShouldBe(body);
    }
}
