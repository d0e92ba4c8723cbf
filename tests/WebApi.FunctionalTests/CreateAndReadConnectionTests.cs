using System.Net;
using System.Text.RegularExpressions;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

public sealed partial class CreateAndReadConnectionTests : FunctionalTest
{
    [Test]
    public async Task Create_WhenSlackCredentialsValid_ShouldAnswer201WithExactBodyAndLocation()
    {
        var name = UniqueName("Acme Slack");
        using var response = await MemberA.PostAsync("/api/connections", Json(SlackBody("  " + name + "  ")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var body = await ReadObjectAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "name", "platform", "status", "created_at", "channel_count" }));
            Assert.That(body["id"]!.GetValue<string>(), Does.Match(ConnectionId()));
            Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo(name), "trimmed");
            Assert.That(body["platform"]!.GetValue<string>(), Is.EqualTo("slack"));
            Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("connected"));
            Assert.That(body["channel_count"]!.GetValue<int>(), Is.EqualTo(FakeTokens.Slack.PublicChannelCount + 1), "public channels plus the private one the bot is in; archived excluded");
            Assert.That(body["created_at"]!.GetValue<string>(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
            Assert.That(DateTimeOffset.Parse(body["created_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(response.Headers.Location?.ToString(), Does.EndWith("/api/connections/" + body["id"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task Get_WhenCreated_ShouldAnswerDetailWithDefaultSettings()
    {
        var id = await CreateAsync(MemberA, DiscordBody(UniqueName("Guild")));

        using var response = await MemberA.GetAsync($"/api/connections/{id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadObjectAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "name", "platform", "status", "created_at", "last_sync", "channel_count", "settings" }));
            Assert.That(body["platform"]!.GetValue<string>(), Is.EqualTo("discord"));
            Assert.That(body["last_sync"], Is.Null);
            Assert.That(body["settings"]!["sync_interval_minutes"]!.GetValue<int>(), Is.EqualTo(240));
            Assert.That(body["settings"]!["wiki_enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(body["settings"]!["graph_enabled"]!.GetValue<bool>(), Is.True);
            Assert.That(body["channel_count"]!.GetValue<int>(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task Create_WhenSettingsGiven_ShouldStoreThem()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Tuned"), settings: new { sync_interval_minutes = 5, wiki_enabled = false }));

        var body = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(body["settings"]!["sync_interval_minutes"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(body["settings"]!["wiki_enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(body["settings"]!["graph_enabled"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Get_WhenUnknownId_ShouldAnswer404Problem()
    {
        using var response = await Owner.GetAsync("/api/connections/conn_01ARZ3NDEKTSV4RRFFQ69G5FAV");

        await AssertProblemAsync(response, 404, "CONNECTION_NOT_FOUND");
    }

    [Test]
    public async Task Create_WhenNameTakenBySameOwnerAndPlatform_ShouldAnswer409AndSaveNothing()
    {
        var name = UniqueName("Twice");
        await CreateAsync(MemberA, SlackBody(name));
        var before = (await ReadArrayAsync(await MemberA.GetAsync("/api/connections?limit=500"))).Count;

        using var response = await MemberA.PostAsync("/api/connections", Json(SlackBody(name.ToUpperInvariant())));

        await AssertProblemAsync(response, 409, "CONNECTION_NAME_TAKEN");
        Assert.That((await ReadArrayAsync(await MemberA.GetAsync("/api/connections?limit=500"))).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Create_WhenSameNameOnOtherPlatformOrOwner_ShouldBeAllowed()
    {
        var name = UniqueName("Shared");
        await CreateAsync(MemberA, SlackBody(name));

        await CreateAsync(MemberA, DiscordBody(name));
        await CreateAsync(MemberB, SlackBody(name));
    }

    [Test]
    public async Task Delete_WhenExists_ShouldAnswer204AndForgetIt()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Doomed")));

        using var deleted = await MemberA.DeleteAsync($"/api/connections/{id}");
        using var after = await MemberA.GetAsync($"/api/connections/{id}");
        using var channels = await MemberA.GetAsync($"/api/connections/{id}/channels");
        using var again = await MemberA.DeleteAsync($"/api/connections/{id}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(after, 404, "CONNECTION_NOT_FOUND");
        await AssertProblemAsync(channels, 404, "CONNECTION_NOT_FOUND");
        await AssertProblemAsync(again, 404, "CONNECTION_NOT_FOUND");
    }

    [GeneratedRegex("^conn_[0-9A-HJKMNP-TV-Z]{26}$")]
    private static partial Regex ConnectionId();
}
