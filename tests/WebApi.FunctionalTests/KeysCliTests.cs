using System.Net;
using Connections.WebApi.Cli;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>The <c>keys</c> command line, on the service's own configuration and database.</summary>
public sealed class KeysCliTests : FunctionalTest
{
    [Test]
    public async Task Create_ShouldPrintAWorkingKeyOnceAndListItWithoutSecrets()
    {
        var (code, stdout, stderr) = await RunAsync("keys", "create", "--email", "Dana@Example.com", "--role", "member");
        var key = Secrets.Plant(stdout.Trim());

        using var client = App.ClientWithKey(key, Audit);
        using var response = await client.GetAsync("/api/connections");
        var (_, list, _) = await RunAsync("keys", "list");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(key, Does.Match("^key_[0-9A-Z]{26}\\.[A-Za-z0-9_-]{43}$"));
            Assert.That(stderr, Does.Contain("dana@example.com").And.Not.Contain(key));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(list, Does.Contain("dana@example.com").And.Contain("member").And.Not.Contain(key.Split('.')[1]));
        });
    }

    [Test]
    public async Task Revoke_ShouldMakeTheKeyStopWorking()
    {
        var (_, stdout, _) = await RunAsync("keys", "create", "--email", "eve@example.com", "--role", "owner");
        var key = Secrets.Plant(stdout.Trim());
        using var client = App.ClientWithKey(key, Audit);
        Assert.That((await client.GetAsync("/api/connections")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var (code, _, stderr) = await RunAsync("keys", "revoke", key.Split('.')[0]);
        var (again, _, _) = await RunAsync("keys", "revoke", key.Split('.')[0]);
        using var after = await client.GetAsync("/api/connections");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(again, Is.EqualTo(1), "revoking twice is an error");
        await AssertProblemAsync(after, 401, "UNAUTHORIZED");
    }

    [TestCase("keys", "create", "--email", "not-an-email", "--role", "owner")]
    [TestCase("keys", "create", "--email", "a@b.c", "--role", "admin")]
    [TestCase("keys", "create")]
    [TestCase("keys", "frobnicate")]
    public async Task BadArguments_ShouldFailWithUsageAndCreateNothing(params string[] args)
    {
        var (_, before, _) = await RunAsync("keys", "list");

        var (code, stdout, stderr) = await RunAsync(args);
        var (_, after, _) = await RunAsync("keys", "list");

        Assert.That(code, Is.Not.Zero);
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Is.Not.Empty);
        Assert.That(after, Is.EqualTo(before));
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await KeysCli.RunAsync(App.Services, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
