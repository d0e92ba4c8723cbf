using System.Net;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Location and Link headers never come from the request's Host header.</summary>
public sealed class PublicUrlTests : FunctionalTest
{
    [Test]
    public async Task Headers_WhenTheHostHeaderIsForged_ShouldBeRelativeAndNeverNameThatHost()
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/connections") { Content = Json(SlackBody(UniqueName("Host"))) };
        create.Headers.Host = "evil.example";
        using var created = await Owner.SendAsync(create);
        await CreateAsync(Owner, SlackBody(UniqueName("Host")));
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/connections?limit=1");
        list.Headers.Host = "evil.example";

        using var listed = await Owner.SendAsync(list);

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var location = created.Headers.Location!;
        var link = listed.Headers.GetValues("Link").Single();
        Assert.Multiple(() =>
        {
            Assert.That(location.IsAbsoluteUri, Is.False, location.ToString());
            Assert.That(location.ToString(), Does.StartWith("/api/connections/conn_"));
            Assert.That(link, Does.StartWith("</api/connections?").And.Not.Contain("evil.example"));
        });
    }
}

/// <summary>With Http:PublicBaseUrl configured, the headers are absolute on that base, whatever Host says.</summary>
public sealed class ConfiguredPublicUrlTests : FunctionalTest
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Http:PublicBaseUrl"] = "https://connections.example.com/",
    };

    [Test]
    public async Task Headers_WhenAPublicBaseUrlIsConfigured_ShouldBeAbsoluteOnIt()
    {
        await CreateAsync(Owner, SlackBody(UniqueName("Base")));
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/connections") { Content = Json(SlackBody(UniqueName("Base"))) };
        create.Headers.Host = "evil.example";
        using var created = await Owner.SendAsync(create);
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/connections?limit=1");
        list.Headers.Host = "evil.example";

        using var listed = await Owner.SendAsync(list);

        Assert.Multiple(() =>
        {
            Assert.That(created.Headers.Location!.ToString(), Does.StartWith("https://connections.example.com/api/connections/conn_"));
            Assert.That(listed.Headers.GetValues("Link").Single(), Does.StartWith("<https://connections.example.com/api/connections?"));
        });
    }
}
