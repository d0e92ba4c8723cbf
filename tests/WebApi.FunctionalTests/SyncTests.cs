using System.Net;
using System.Text.Json.Nodes;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Message sync over real HTTP against the fake platforms' seeded history, with the background scheduler on.</summary>
public sealed class SyncTests : SyncTestBase
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Sync:Enabled"] = "true",
        // Only a manual run wakes the scheduler here, so every run a test waits for is the one it asked for.
        ["Sync:PollInterval"] = "01:00:00",
        ["Platforms:Slack:HistoryPageSize"] = "10",
    };

    [Test]
    public async Task ManualSync_WhenSlackChannelSelected_ShouldStoreEverySeededMessageOnceAndSetLastSync()
    {
        var id = await CreateSelectedAsync(SlackBody(UniqueName("Full")), FakeTokens.Slack.GeneralChannelId);

        var run = await SyncAndWaitAsync(id);
        var messages = await AllMessagesAsync(id, FakeTokens.Slack.GeneralChannelId);
        var detail = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
            Assert.That(run["trigger"]!.GetValue<string>(), Is.EqualTo("manual"));
            Assert.That(run["messages_fetched"]!.GetValue<int>(), Is.EqualTo(FakeHistory.Slack.SeededMessageCount));
            Assert.That(run["channels"]!.AsArray().Single()!["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
            Assert.That(run["started_at"], Is.Not.Null);
            Assert.That(run["finished_at"], Is.Not.Null);
            Assert.That(messages, Has.Count.EqualTo(FakeHistory.Slack.SeededMessageCount));
            Assert.That(messages.Select(m => m["id"]!.GetValue<string>()), Is.Unique);
            Assert.That(messages.Any(m => m["thread_ts"]?.GetValue<string>() == FakeHistory.Slack.ThreadParentTs), Is.True, "thread replies are synced");
            Assert.That(messages.Single(m => m["id"]!.GetValue<string>() == FakeHistory.Slack.EditedMessageTs)["edited_at"], Is.Not.Null);
            Assert.That(detail["last_sync"], Is.Not.Null);
        });
    }

    [Test]
    public async Task SecondSync_ShouldFetchOnlyNewMessagesAndUpdateEditsInPlace()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Incremental"));
        var id = await CreateSelectedAsync(body, FakeTokens.Slack.GeneralChannelId);
        await SyncAndWaitAsync(id);

        var again = await SyncAndWaitAsync(id);
        var added = Fake.AddSlackMessage(token, FakeTokens.Slack.GeneralChannelId, "a brand new message");
        Fake.EditSlackMessage(token, FakeTokens.Slack.GeneralChannelId, added, "a brand new message, edited");
        var third = await SyncAndWaitAsync(id);
        var messages = await AllMessagesAsync(id, FakeTokens.Slack.GeneralChannelId);

        Assert.Multiple(() =>
        {
            Assert.That(again["messages_fetched"]!.GetValue<int>(), Is.Zero, "nothing new since the checkpoint");
            Assert.That(third["messages_fetched"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(messages, Has.Count.EqualTo(FakeHistory.Slack.SeededMessageCount + 1));
            Assert.That(messages.Single(m => m["id"]!.GetValue<string>() == added)["text"]!.GetValue<string>(), Is.EqualTo("a brand new message, edited"));
        });
    }

    [Test]
    public async Task Sync_WhenTokenRevokedMidRun_ShouldFailWithAuthExpiredSetErrorAndResumeWithoutGapsAfterRotation()
    {
        var id = await CreateSelectedAsync(SlackBody(UniqueName("Revoked mid-run"), FakeTokens.Slack.RevokeAfter2), FakeTokens.Slack.GeneralChannelId);

        var failed = await SyncAndWaitAsync(id);
        var detail = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));
        var rotated = Secrets.Token(FakeTokens.Slack.Valid);
        using var rotate = await MemberA.PutAsync($"/api/connections/{id}", Json(new { credentials = new { bot_token = rotated } }));
        var resumed = await SyncAndWaitAsync(id);
        var pagesAfterResume = Fake.CountRequests(rotated, "conversations.history");
        var messages = await AllMessagesAsync(id, FakeTokens.Slack.GeneralChannelId);

        Assert.Multiple(() =>
        {
            Assert.That(failed["status"]!.GetValue<string>(), Is.EqualTo("failed"), failed.ToJsonString());
            Assert.That(failed["error"]!["code"]!.GetValue<string>(), Is.EqualTo("AUTH_EXPIRED"));
            Assert.That(detail["status"]!.GetValue<string>(), Is.EqualTo("error"));
            Assert.That(rotate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(resumed["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), resumed.ToJsonString());
            Assert.That(messages, Has.Count.EqualTo(FakeHistory.Slack.SeededMessageCount), "no gap, no duplicate");
            Assert.That(pagesAfterResume, Is.EqualTo(2), "the pass went on from page 3 of 4 instead of starting again");
            Assert.That(messages.Select(m => m["id"]!.GetValue<string>()), Is.Unique);
        });
    }

    [Test]
    public async Task Sync_WhenOneChannelRateLimited_ShouldEndPartialAndKeepTheOthers()
    {
        var id = await CreateSelectedAsync(SlackBody(UniqueName("Rate limited"), FakeTokens.Slack.History), FakeHistory.Slack.ManyMessagesChannelId, FakeHistory.Slack.RateLimitedChannelId);

        var run = await SyncAndWaitAsync(id);
        var again = await SyncAndWaitAsync(id);
        var channels = run["channels"]!.AsArray().ToDictionary(c => c!["channel_id"]!.GetValue<string>(), c => c!);

        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("partial"), run.ToJsonString());
            Assert.That(channels[FakeHistory.Slack.RateLimitedChannelId]["status"]!.GetValue<string>(), Is.EqualTo("paused"));
            Assert.That(channels[FakeHistory.Slack.RateLimitedChannelId]["error"]!["code"]!.GetValue<string>(), Is.EqualTo("RATE_LIMITED"));
            Assert.That(channels[FakeHistory.Slack.ManyMessagesChannelId]["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
            Assert.That(channels[FakeHistory.Slack.ManyMessagesChannelId]["messages_fetched"]!.GetValue<int>(), Is.EqualTo(FakeHistory.Slack.ManyMessagesCount));
            Assert.That(again.AsObject()["channels"]!.AsArray().Single(c => c!["channel_id"]!.GetValue<string>() == FakeHistory.Slack.ManyMessagesChannelId)!["messages_fetched"]!.GetValue<int>(), Is.Zero, "resumed from its cursor");
        });
    }

    [Test]
    public async Task Sync_WhenBotCannotReadOneChannel_ShouldMarkItInaccessibleAndSyncTheOthers()
    {
        // The bot is not a member of #engineering: Slack answers not_in_channel there.
        var id = await CreateSelectedAsync(SlackBody(UniqueName("One unreadable")), FakeTokens.Slack.GeneralChannelId, FakeTokens.Slack.EngineeringChannelId);

        var run = await SyncAndWaitAsync(id);
        var channels = run["channels"]!.AsArray().ToDictionary(c => c!["channel_id"]!.GetValue<string>(), c => c!);
        var detail = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("partial"), run.ToJsonString());
            Assert.That(channels[FakeTokens.Slack.EngineeringChannelId]["status"]!.GetValue<string>(), Is.EqualTo("inaccessible"));
            Assert.That(channels[FakeTokens.Slack.EngineeringChannelId]["error"]!["code"]!.GetValue<string>(), Is.EqualTo("INSUFFICIENT_PERMISSIONS"));
            Assert.That(channels[FakeTokens.Slack.GeneralChannelId]["messages_fetched"]!.GetValue<int>(), Is.EqualTo(FakeHistory.Slack.SeededMessageCount));
            Assert.That(detail["status"]!.GetValue<string>(), Is.EqualTo("connected"), "one unreadable channel does not put the connection in error");
        });
    }

    [Test]
    public async Task Sync_WhenTheEngineThrows_ShouldFailThatRunAndKeepSyncingOthers()
    {
        var broken = await CreateSelectedAsync(SlackBody(UniqueName("Broken cursor")), FakeTokens.Slack.GeneralChannelId);
        var healthy = await CreateSelectedAsync(SlackBody(UniqueName("Healthy")), FakeTokens.Slack.GeneralChannelId);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            // A checkpoint the Slack source cannot use: it throws, as a bug would.
            var db = scope.ServiceProvider.GetRequiredService<Connections.Infrastructure.Persistence.ConnectionsDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE connection_channels SET sync_cursor = 'not-a-timestamp' WHERE connection_id = {broken}");
        }

        var failed = await SyncAndWaitAsync(broken);
        var fine = await SyncAndWaitAsync(healthy);
        var again = await SyncAndWaitAsync(broken);

        Assert.Multiple(() =>
        {
            Assert.That(failed["status"]!.GetValue<string>(), Is.EqualTo("failed"), failed.ToJsonString());
            Assert.That(failed["error"]!["code"]!.GetValue<string>(), Is.EqualTo("PLATFORM_ERROR"));
            Assert.That(fine["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), fine.ToJsonString());
            Assert.That(again["status"]!.GetValue<string>(), Is.EqualTo("failed"), "a new run can be queued: the failed one is not left running");
        });
    }

    [Test]
    public async Task Sync_WhenDiscordBotMayNotReadAChannelsHistory_ShouldMarkItInaccessibleNotEmpty()
    {
        var id = await CreateSelectedAsync(
            DiscordBody(UniqueName("Read-only channel"), guildId: FakeHistory.Discord.HistoryGuildId),
            FakeHistory.Discord.ShortIdsChannelId,
            FakeHistory.Discord.NoReadHistoryChannelId);

        var run = await SyncAndWaitAsync(id);
        var channels = run["channels"]!.AsArray().ToDictionary(c => c!["channel_id"]!.GetValue<string>(), c => c!);

        Assert.Multiple(() =>
        {
            Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("partial"), run.ToJsonString());
            Assert.That(channels[FakeHistory.Discord.NoReadHistoryChannelId]["status"]!.GetValue<string>(), Is.EqualTo("inaccessible"));
            Assert.That(channels[FakeHistory.Discord.NoReadHistoryChannelId]["error"]!["code"]!.GetValue<string>(), Is.EqualTo("INSUFFICIENT_PERMISSIONS"));
            Assert.That(channels[FakeHistory.Discord.ShortIdsChannelId]["messages_fetched"]!.GetValue<int>(), Is.EqualTo(FakeHistory.Discord.ShortIdsCount));
        });
    }

    [Test]
    public async Task ManualSync_WhenDiscordChannelSelected_ShouldStoreSeededAndThenOnlyNewMessages()
    {
        var (body, token) = DiscordBodyWithToken(UniqueName("Discord sync"));
        var id = await CreateSelectedAsync(body, FakeTokens.Discord.GeneralChannelId);

        var first = await SyncAndWaitAsync(id);
        Fake.AddDiscordMessage(token, FakeTokens.Discord.GeneralChannelId, "fresh news");
        var second = await SyncAndWaitAsync(id);
        var messages = await AllMessagesAsync(id, FakeTokens.Discord.GeneralChannelId);

        Assert.Multiple(() =>
        {
            Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), first.ToJsonString());
            Assert.That(first["messages_fetched"]!.GetValue<int>(), Is.EqualTo(FakeHistory.Discord.SeededMessageCount));
            Assert.That(second["messages_fetched"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(messages, Has.Count.EqualTo(FakeHistory.Discord.SeededMessageCount + 1));
            Assert.That(messages.Any(m => m["text"]!.GetValue<string>() == "fresh news" && m["author"]!["name"] is not null), Is.True);
        });
    }

    [Test]
    public async Task Messages_WhenSinceHasAnotherOffset_ShouldMeanTheSameInstantAcrossPages()
    {
        var id = await CreateSelectedAsync(SlackBody(UniqueName("Offsets")), FakeTokens.Slack.GeneralChannelId);
        await SyncAndWaitAsync(id);
        var all = await AllMessagesAsync(id, FakeTokens.Slack.GeneralChannelId);
        var pivot = DateTimeOffset.Parse(all[12]["ts"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var expected = all.Count(m => DateTimeOffset.Parse(m["ts"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= pivot);
        var since = Uri.EscapeDataString(pivot.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));

        var seen = new List<string>();
        string? url = $"/api/connections/{id}/messages?channel_id={FakeTokens.Slack.GeneralChannelId}&since={since}&limit=5";
        while (url is not null)
        {
            using var response = await MemberA.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            seen.AddRange((await ReadArrayAsync(response)).Select(m => m!["id"]!.GetValue<string>()));
            url = NextPage(response);
        }

        Assert.That(seen, Has.Count.EqualTo(expected));
        Assert.That(seen, Is.Unique);
    }

    [Test]
    public async Task Messages_ShouldFilterSearchAndPageNewestFirst()
    {
        var id = await CreateSelectedAsync(SlackBody(UniqueName("Read")), FakeTokens.Slack.GeneralChannelId);
        await SyncAndWaitAsync(id);
        var all = await AllMessagesAsync(id, FakeTokens.Slack.GeneralChannelId);
        var needle = all.First(m => m["text"]!.GetValue<string>().Length > 8)["text"]!.GetValue<string>()[2..8];

        var found = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/messages?q={Uri.EscapeDataString(needle.ToUpperInvariant())}&limit=500"));
        var first = await MemberA.GetAsync($"/api/connections/{id}/messages?limit=5");
        var members = await MemberB.GetAsync($"/api/connections/{id}/messages");

        Assert.Multiple(() =>
        {
            Assert.That(found.Count, Is.EqualTo(all.Count(m => m["text"]!.GetValue<string>().Contains(needle, StringComparison.OrdinalIgnoreCase))));
            Assert.That(found, Is.Not.Empty);
            Assert.That(all.Select(m => m["ts"]!.GetValue<string>()), Is.Ordered.Descending, "newest first");
            Assert.That(first.Headers.Contains("Link"), Is.True);
        });
        await AssertProblemAsync(members, 404, "CONNECTION_NOT_FOUND");
    }
}
