using System.Net;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

public sealed class ChannelTests : FunctionalTest
{
    [Test]
    public async Task GetChannels_WhenSlack_ShouldListCatalogWithHashNamesWithoutCallingSlack()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Channels"));
        var id = await CreateAsync(MemberA, body);
        var callsAfterCreate = Fake.CountRequests(token);

        using var response = await MemberA.GetAsync($"/api/connections/{id}/channels");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var channels = await ReadArrayAsync(response);
        var general = channels.Single(c => c!["id"]!.GetValue<string>() == FakeTokens.Slack.GeneralChannelId)!.AsObject();
        var privateChannel = channels.Single(c => c!["id"]!.GetValue<string>() == FakeTokens.Slack.PrivateChannelId)!;
        Assert.Multiple(() =>
        {
            Assert.That(channels, Has.Count.EqualTo(FakeTokens.Slack.PublicChannelCount + 1));
            Assert.That(general.Select(p => p.Key), Is.EquivalentTo(new[] { "id", "name", "is_private", "member_count", "sync_enabled" }));
            Assert.That(general["name"]!.GetValue<string>(), Is.EqualTo("#general"));
            Assert.That(general["is_private"]!.GetValue<bool>(), Is.False);
            Assert.That(general["member_count"]!.GetValue<int>(), Is.GreaterThan(0));
            Assert.That(general["sync_enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(privateChannel["is_private"]!.GetValue<bool>(), Is.True);
            Assert.That(channels.Select(c => c!["id"]!.GetValue<string>()), Does.Not.Contain(FakeTokens.Slack.ArchivedChannelId));
            Assert.That(Fake.CountRequests(token), Is.EqualTo(callsAfterCreate), "a GET reads the stored catalog");
        });
    }

    [Test]
    public async Task GetChannels_WhenDiscord_ShouldComputePrivacyAndHideInvisibleChannels()
    {
        var id = await CreateAsync(MemberA, DiscordBody(UniqueName("Guild channels")));

        var channels = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/channels"));
        var ids = channels.Select(c => c!["id"]!.GetValue<string>()).ToList();
        var staff = channels.Single(c => c!["id"]!.GetValue<string>() == FakeTokens.Discord.StaffChannelId)!;
        var general = channels.Single(c => c!["id"]!.GetValue<string>() == FakeTokens.Discord.GeneralChannelId)!;

        Assert.Multiple(() =>
        {
            Assert.That(ids, Does.Contain(FakeTokens.Discord.AnnouncementsChannelId));
            Assert.That(ids, Does.Not.Contain(FakeTokens.Discord.SecretChannelId), "the bot cannot view it");
            Assert.That(ids, Does.Not.Contain(FakeTokens.Discord.VoiceChannelId));
            Assert.That(ids, Does.Not.Contain(FakeTokens.Discord.CategoryChannelId));
            Assert.That(staff["is_private"]!.GetValue<bool>(), Is.True);
            Assert.That(general["is_private"]!.GetValue<bool>(), Is.False);
            Assert.That(general["member_count"], Is.Null);
        });
    }

    [Test]
    public async Task GetChannels_WhenManyPages_ShouldStoreEveryChannelOnce()
    {
        var id = await CreateAsync(Owner, SlackBody(UniqueName("Many"), FakeTokens.Slack.ManyChannels));

        var channels = await ReadArrayAsync(await Owner.GetAsync($"/api/connections/{id}/channels"));

        Assert.That(channels.Select(c => c!["id"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(FakeTokens.Slack.ManyChannelsCount));
    }

    [Test]
    public async Task SelectChannels_WhenIdsKnown_ShouldEnableExactlyThose()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Select")));

        using var response = await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId, FakeTokens.Slack.PrivateChannelId }, sync_all = false }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var enabled = (await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/channels")))
            .Where(c => c!["sync_enabled"]!.GetValue<bool>()).Select(c => c!["id"]!.GetValue<string>());
        Assert.That(enabled, Is.EquivalentTo(new[] { FakeTokens.Slack.GeneralChannelId, FakeTokens.Slack.PrivateChannelId }));
    }

    [Test]
    public async Task SelectChannels_WhenSyncAll_ShouldEnableEveryChannel()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("All")));

        var channels = await ReadArrayAsync(await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = Array.Empty<string>(), sync_all = true })));

        Assert.That(channels.All(c => c!["sync_enabled"]!.GetValue<bool>()), Is.True);
        Assert.That(channels, Has.Count.EqualTo(FakeTokens.Slack.PublicChannelCount + 1));
    }

    [Test]
    public async Task SelectChannels_WhenIdsUnknown_ShouldAnswer400NamingThemAndChangeNothing()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Unknown ids")));
        await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.RandomChannelId }, sync_all = false }));

        using var response = await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId, "C_NOPE_1", "C_NOPE_2" }, sync_all = false }));

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        var message = problem["errors"]!["channel_ids"]![0]!.GetValue<string>();
        Assert.That(message, Does.Contain("C_NOPE_1").And.Contain("C_NOPE_2").And.Not.Contain(FakeTokens.Slack.GeneralChannelId));
        var enabled = (await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/channels")))
            .Where(c => c!["sync_enabled"]!.GetValue<bool>()).Select(c => c!["id"]!.GetValue<string>());
        Assert.That(enabled, Is.EquivalentTo(new[] { FakeTokens.Slack.RandomChannelId }));
    }

    [Test]
    public async Task SelectChannels_WhenSyncAllWithIds_ShouldAnswer400()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Both")));

        using var response = await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId }, sync_all = true }));

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!["channel_ids"], Is.Not.Null);
    }

    [Test]
    public async Task GetChannels_WhenRefreshAndTokenRevoked_ShouldAnswer422AndSetError()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Refresh revoked"));
        var id = await CreateAsync(MemberA, body);
        Fake.RevokeSlackToken(token);

        using var response = await MemberA.GetAsync($"/api/connections/{id}/channels?refresh=true");

        await AssertProblemAsync(response, 422, "AUTH_EXPIRED");
        Assert.That((await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}")))["status"]!.GetValue<string>(), Is.EqualTo("error"));
    }

    [Test]
    public async Task GetChannels_WhenRefresh_ShouldCallPlatformAndKeepSelection()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Refresh"));
        var id = await CreateAsync(MemberA, body);
        await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId }, sync_all = false }));
        var before = Fake.CountRequests(token, "conversations.list");

        var channels = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/channels?refresh=true"));

        Assert.That(Fake.CountRequests(token, "conversations.list"), Is.GreaterThan(before));
        Assert.That(channels.Single(c => c!["id"]!.GetValue<string>() == FakeTokens.Slack.GeneralChannelId)!["sync_enabled"]!.GetValue<bool>(), Is.True);
    }
}
