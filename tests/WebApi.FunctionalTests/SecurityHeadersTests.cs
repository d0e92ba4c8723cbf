using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Every response says nosniff and no-referrer; every response under /api and /sfp is never stored by a cache.</summary>
public sealed class SecurityHeadersTests : FunctionalTest
{
    private static IEnumerable<TestCaseData> AccountDataRequests()
    {
        yield return new TestCaseData("owner", "GET", "/api/connections", null).SetName("list 200");
        yield return new TestCaseData("anonymous", "GET", "/api/connections", null).SetName("no key 401");
        yield return new TestCaseData("owner", "GET", "/api/connections/conn_01JAAAAAAAAAAAAAAAAAAAAAAA", null).SetName("unknown connection 404");
        yield return new TestCaseData("owner", "POST", "/api/connections", "{\"platform\":").SetName("malformed body 400");
        yield return new TestCaseData("owner", "GET", "/sfp/api/slack/workspaces", null).SetName("slack workspaces 200");
        yield return new TestCaseData("owner", "GET", "/api/no-such-route", null).SetName("unknown route 404");
    }

    [TestCaseSource(nameof(AccountDataRequests))]
    public async Task Response_WhenItCarriesAccountData_ShouldForbidSniffingReferrersAndStorage(string caller, string method, string path, string? body)
    {
        var client = caller == "owner" ? Owner : Anonymous;
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : RawJson(body) };

        using var response = await client.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, $"{(int)response.StatusCode} {path}");
        });
    }

    [TestCase("/health/live")]
    [TestCase("/openapi/v1.json")]
    public async Task Response_WhenItIsPublic_ShouldStillForbidSniffingAndReferrers(string path)
    {
        using var response = await Anonymous.GetAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "no-referrer" }));
        });
    }
}
