using System.Net;
using Connections.Domain.Common;
using Connections.FakePlatforms;
using Connections.Infrastructure.Persistence;
using Connections.WebApi.Cli;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task KeyRing_WhenTwoInstancesShareTheDatabase_ShouldDecryptEachOthersSecrets()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Shared ring")));
        await using var second = new ConnectionsApp(App.Database, Fake, Logs);
        using var ownerOnSecond = second.ClientWithKey(Secrets.Plant(await second.CreateKeyAsync(OwnerEmail, CallerRole.Owner)), Audit);

        var readBySecond = await ReadObjectAsync(await ownerOnSecond.PostAsync($"/api/connections/{id}/validate", null));
        using var rotated = await ownerOnSecond.PutAsync($"/api/connections/{id}", Json(new { credentials = new { bot_token = Secrets.Token(FakeTokens.Slack.Valid), signing_secret = Secrets.SigningSecret() } }));
        var readByFirst = await ReadObjectAsync(await Owner.PostAsync($"/api/connections/{id}/validate", null));
        await using var scope = App.Services.CreateAsyncScope();
        var storedKeys = await scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>().DataProtectionKeys.CountAsync();

        Assert.Multiple(() =>
        {
            Assert.That(readBySecond["valid"]!.GetValue<bool>(), Is.True, "the second instance decrypts what the first wrote");
            Assert.That((int)rotated.StatusCode, Is.EqualTo(200), "the second instance re-encrypts rotated credentials");
            Assert.That(readByFirst["valid"]!.GetValue<bool>(), Is.True, "the first instance decrypts what the second wrote");
            Assert.That(storedKeys, Is.GreaterThanOrEqualTo(1), "the key ring lives in the shared database");
        });
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
