using System.Net;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

public sealed class DisconnectTests : FunctionalTest
{
    [Test]
    public async Task Disconnect_ShouldStopSyncingUntilAValidateReconnects()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Pause")));
        await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId }, sync_all = false }));

        using var disconnect = await MemberA.PostAsync($"/api/connections/{id}/disconnect", null);
        using var refusedSync = await MemberA.PostAsync($"/api/connections/{id}/sync", null);
        var validate = await ReadObjectAsync(await MemberA.PostAsync($"/api/connections/{id}/validate", null));
        var after = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        Assert.That(disconnect.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadObjectAsync(disconnect))["status"]!.GetValue<string>(), Is.EqualTo("disconnected"));
        await AssertProblemAsync(refusedSync, 409, "CONNECTION_NOT_CONNECTED");
        Assert.That(validate["connection"]!["status"]!.GetValue<string>(), Is.EqualTo("connected"));
        Assert.That(after["status"]!.GetValue<string>(), Is.EqualTo("connected"));
    }

    [Test]
    public async Task Disconnect_WhenOtherMembersConnection_ShouldAnswer404()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Not yours")));

        using var response = await MemberB.PostAsync($"/api/connections/{id}/disconnect", null);

        await AssertProblemAsync(response, 404, "CONNECTION_NOT_FOUND");
        Assert.That((await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}")))["status"]!.GetValue<string>(), Is.EqualTo("connected"));
    }

    [Test]
    public async Task Sync_WhenRunAlreadyQueued_ShouldAnswer409NamingIt()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Twice")));
        await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId }, sync_all = false }));

        using var first = await MemberA.PostAsync($"/api/connections/{id}/sync", null);
        using var second = await MemberA.PostAsync($"/api/connections/{id}/sync", null);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await first.Content.ReadAsStringAsync());
        var run = await ReadObjectAsync(first);
        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("queued"));
        Assert.That(first.Headers.Location?.ToString(), Does.EndWith($"/api/connections/{id}/syncs/{run["id"]!.GetValue<string>()}"));
        var problem = await AssertProblemAsync(second, 409, "SYNC_IN_PROGRESS");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(run["id"]!.GetValue<string>()));
    }

    [Test]
    public async Task Sync_WhenNoChannelIsSelected_ShouldAnswer409AndQueueNothing()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Nothing chosen")));

        using var response = await MemberA.PostAsync($"/api/connections/{id}/sync", null);
        var runs = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/syncs"));

        await AssertProblemAsync(response, 409, "NO_CHANNELS_SELECTED");
        Assert.That(runs, Is.Empty);
    }
}
