using System.Net;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

public sealed class UpdateAndListTests : FunctionalTest
{
    [Test]
    public async Task Update_WhenNameAndSettingsGiven_ShouldAnswerDetailAndPersist()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Before")));
        var name = UniqueName("After");

        using var response = await MemberA.PutAsync($"/api/connections/{id}", Json(new { name, settings = new { sync_interval_minutes = 60, graph_enabled = false } }));
        var stored = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await ReadObjectAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(body["name"]!.GetValue<string>(), Is.EqualTo(name));
            Assert.That(body["settings"]!["sync_interval_minutes"]!.GetValue<int>(), Is.EqualTo(60));
            Assert.That(body["settings"]!["graph_enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(body["settings"]!["wiki_enabled"]!.GetValue<bool>(), Is.True, "untouched");
            Assert.That(stored.ToJsonString(), Is.EqualTo(body.ToJsonString()));
        });
    }

    [Test]
    public async Task Update_WhenRenamingOntoOwnOtherName_ShouldAnswer409()
    {
        var taken = UniqueName("Taken");
        await CreateAsync(MemberA, SlackBody(taken));
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Mover")));

        using var response = await MemberA.PutAsync($"/api/connections/{id}", Json(new { name = taken }));

        await AssertProblemAsync(response, 409, "CONNECTION_NAME_TAKEN");
    }

    [Test]
    public async Task Update_WhenSettingsOutOfRange_ShouldAnswer400AndChangeNothing()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Range")));

        using var response = await MemberA.PutAsync($"/api/connections/{id}", Json(new { name = UniqueName("New"), settings = new { sync_interval_minutes = 100000 } }));
        var stored = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!["settings.sync_interval_minutes"], Is.Not.Null);
        Assert.That(stored["name"]!.GetValue<string>(), Does.StartWith("Range"));
    }

    [Test]
    public async Task List_WhenMoreThanOnePage_ShouldFollowLinkHeadersThroughEveryItemOnce()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await CreateAsync(MemberB, SlackBody(UniqueName($"Page {i}"))));
        }

        var seen = new List<string>();
        var url = "/api/connections?limit=3";
        var pages = 0;
        while (url is not null)
        {
            using var response = await MemberB.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var items = await ReadArrayAsync(response);
            Assert.That(items, Has.Count.LessThanOrEqualTo(3));
            seen.AddRange(items.Select(c => c!["id"]!.GetValue<string>()));
            url = NextPage(response);
            pages++;
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EquivalentTo(created));
            Assert.That(seen, Is.Unique);
            Assert.That(seen, Is.EqualTo(created.AsEnumerable().Reverse().ToList()), "newest first");
            Assert.That(pages, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task List_WhenFilteredByPlatformAndStatus_ShouldReturnOnlyMatches()
    {
        var slack = await CreateAsync(MemberA, SlackBody(UniqueName("Filter slack")));
        var (body, token) = DiscordBodyWithToken(UniqueName("Filter discord"));
        var discord = await CreateAsync(MemberA, body);
        Fake.RevokeDiscordToken(token);
        await MemberA.PostAsync($"/api/connections/{discord}/validate", null);

        var slackOnly = (await ReadArrayAsync(await MemberA.GetAsync("/api/connections?platform=slack&limit=500"))).Select(c => c!["id"]!.GetValue<string>()).ToList();
        var errors = await ReadArrayAsync(await MemberA.GetAsync("/api/connections?status=error&limit=500"));

        Assert.Multiple(() =>
        {
            Assert.That(slackOnly, Does.Contain(slack).And.Not.Contain(discord));
            Assert.That(errors.Select(c => c!["id"]!.GetValue<string>()), Does.Contain(discord).And.Not.Contain(slack));
            Assert.That(errors.All(c => c!["status"]!.GetValue<string>() == "error"), Is.True);
        });
    }

    [Test]
    public async Task List_ShouldAnswerExactSummaryFields()
    {
        await CreateAsync(MemberA, SlackBody(UniqueName("Shape")));

        var first = (await ReadArrayAsync(await MemberA.GetAsync("/api/connections?limit=1")))[0]!.AsObject();

        Assert.That(first.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "name", "platform", "status", "created_at", "last_sync", "channel_count" }));
    }
}
