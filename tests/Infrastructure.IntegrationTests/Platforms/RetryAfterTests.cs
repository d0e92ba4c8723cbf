using System.Net;
using System.Text;
using Connections.Infrastructure.Platforms.Resilience;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

public class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    [Test]
    public void FromHeader_WhenDeltaSeconds_ShouldReturnThem()
    {
        RetryAfter.FromHeader("120", Now).ShouldBe(TimeSpan.FromSeconds(120));
    }

    [Test]
    public void FromHeader_WhenHttpDate_ShouldReturnTheTimeUntilThen()
    {
        RetryAfter.FromHeader("Sun, 22 Nov 2026 04:00:30 GMT", Now).ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Test]
    public void FromHeader_WhenHttpDateIsPast_ShouldReturnZero()
    {
        RetryAfter.FromHeader("Sun, 22 Nov 2026 03:59:00 GMT", Now).ShouldBe(TimeSpan.Zero);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("soon")]
    public void FromHeader_WhenAbsentOrGarbage_ShouldReturnNull(string? header)
    {
        RetryAfter.FromHeader(header, Now).ShouldBeNull();
    }

    [Test]
    public void FromJson_WhenDiscordRetryAfterIsAFloat_ShouldKeepTheFraction()
    {
        RetryAfter.FromJson("""{"message": "You are being rate limited.", "retry_after": 1.337, "global": false}""")
            .ShouldBe(TimeSpan.FromSeconds(1.337));
    }

    [TestCase("""{"message": "no wait here"}""")]
    [TestCase("""{"retry_after": "later"}""")]
    [TestCase("<html>not json</html>")]
    [TestCase("[1, 2]")]
    public void FromJson_WhenBodyHasNoUsableRetryAfter_ShouldReturnNull(string body)
    {
        RetryAfter.FromJson(body).ShouldBeNull();
    }

    [Test]
    public void Parse_WhenBodyAndHeaderBothPresent_ShouldPreferThePreciseBody()
    {
        RetryAfter.Parse(new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(2)), """{"retry_after": 1.5}""", Now)
            .ShouldBe(TimeSpan.FromSeconds(1.5));
    }

    [Test]
    public async Task FromResponseAsync_WhenA429CarriesJson_ShouldReadTheBodyAndLeaveItReadable()
    {
        const string body = """{"message": "You are being rate limited.", "retry_after": 0.25, "global": false}""";
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("Retry-After", "1");

        var wait = await RetryAfter.FromResponseAsync(response, Now, CancellationToken.None);

        wait.ShouldBe(TimeSpan.FromMilliseconds(250));
        (await response.Content.ReadAsStringAsync()).ShouldBe(body);
    }

    [Test]
    public async Task FromResponseAsync_WhenOnlyTheHeaderNamesAWait_ShouldUseIt()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
        {
            Content = new StringContent("""{"ok": false, "error": "ratelimited"}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("Retry-After", "30");

        (await RetryAfter.FromResponseAsync(response, Now, CancellationToken.None)).ShouldBe(TimeSpan.FromSeconds(30));
    }
}
