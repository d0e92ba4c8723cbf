using System.Net;
using Connections.FakePlatforms;
using Connections.WebApi.Cli;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Secrets are encrypted at rest and never come back (the per-test audit covers responses and logs).</summary>
public sealed class SecretsTests : FunctionalTest
{
    [Test]
    public async Task Database_AfterCreatesRotationsAndKeys_ShouldHoldNoPlainSecret()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("At rest")));
        await CreateAsync(MemberA, DiscordBody(UniqueName("At rest")));
        await MemberA.PutAsync($"/api/connections/{id}", Json(new { credentials = new { bot_token = Secrets.Token(FakeTokens.Slack.Valid), signing_secret = Secrets.SigningSecret() } }));

        var dump = await App.Database.DumpAsync();

        Assert.That(dump, Does.Contain("conn_"), "the dump really contains the data");
        Assert.That(Secrets.FindIn([dump], "database"), Is.Empty);
    }

    [Test]
    public async Task FirstRun_ShouldWriteAnOwnerKeyFileOnlyTheUserCanRead_AndNeverLogTheKey()
    {
        var path = Path.Combine(App.Database.DataDirectory, OwnerKeyBootstrap.FileName);
        var bytes = await File.ReadAllBytesAsync(path);
        var key = Secrets.Plant(System.Text.Encoding.ASCII.GetString(bytes).TrimEnd('\n'));
        Assert.That(key, Does.Match("^key_[0-9A-Z]{26}\\.[A-Za-z0-9_-]{43}$"), "exactly the key and a newline: no BOM, nothing else");

        using var client = App.ClientWithKey(key, Audit);
        using var response = await client.GetAsync("/api/connections");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the bootstrap key is a working owner key");
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        Assert.That(Logs.Lines.Any(l => l.Contains(path, StringComparison.Ordinal)), Is.True, "the log names the file");
    }
}
