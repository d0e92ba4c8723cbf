using System.Net;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

public sealed class ServiceTests : FunctionalTest
{
    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task Health_ShouldAnswerHealthyWithoutKey(string path)
    {
        using var response = await Anonymous.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task OpenApi_ShouldDescribeEveryConnectionsRoute()
    {
        using var response = await Anonymous.GetAsync("/openapi/v1.json");
        var document = await ReadObjectAsync(response);
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();

        Assert.That(paths, Is.SupersetOf(new[] { "/api/connections", "/api/connections/{id}", "/api/connections/{id}/validate", "/api/connections/{id}/channels" }));
        Assert.That(document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
    }

    [Test]
    public async Task SwaggerUi_ShouldBeServed()
    {
        using var response = await Anonymous.GetAsync("/swagger/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger"));
    }
}
