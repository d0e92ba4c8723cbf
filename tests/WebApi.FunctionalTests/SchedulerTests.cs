using System.Net;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>The background scheduler, polling fast, on one instance and on two instances sharing the database.</summary>
public sealed class SchedulerTests : SyncTestBase
{
    protected override IReadOnlyDictionary<string, string?> Overrides => FastScheduler;

    private static Dictionary<string, string?> FastScheduler => new()
    {
        ["Sync:Enabled"] = "true",
        ["Sync:PollInterval"] = "00:00:00.100",
    };

    [Test]
    public async Task Scheduler_WhenConnectionDue_ShouldRunItWithoutBeingAsked()
    {
        var id = await CreateSelectedAsync(SlackBody(UniqueName("Scheduled")), FakeTokens.Slack.GeneralChannelId);

        var run = await WaitForRunAsync(id, r => r["trigger"]!.GetValue<string>() == "scheduled" && IsFinished(r));
        var detail = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        Assert.That(run["status"]!.GetValue<string>(), Is.EqualTo("succeeded"), run.ToJsonString());
        Assert.That(detail["last_sync"], Is.Not.Null);
    }

    [Test]
    public async Task TwoInstances_WhenConnectionsDue_ShouldSyncEachExactlyOnce()
    {
        await using var second = new ConnectionsApp(App.Database, Fake, Logs, FastScheduler);
        _ = second.Server;
        var tokens = new List<string>();
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var (body, token) = SlackBodyWithToken(UniqueName($"Shared {i}"));
            tokens.Add(token);
            ids.Add(await CreateSelectedAsync(body, FakeTokens.Slack.GeneralChannelId));
        }

        foreach (var id in ids)
        {
            await WaitForRunAsync(id, r => r["trigger"]!.GetValue<string>() == "scheduled" && IsFinished(r));
        }

        await Task.Delay(500); // both schedulers poll several more times
        foreach (var (id, token) in ids.Zip(tokens))
        {
            var runs = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/syncs?limit=100"));
            Assert.That(runs, Has.Count.EqualTo(1), "one scheduled run per due period, whichever instance ran it");
            Assert.That(runs[0]!["status"]!.GetValue<string>(), Is.EqualTo("succeeded"));
            Assert.That(runs[0]!["messages_fetched"]!.GetValue<int>(), Is.EqualTo(FakeHistory.Slack.SeededMessageCount));
            Assert.That(Fake.CountRequests(token, "conversations.history"), Is.EqualTo(1), "the channel was read by one instance only");
        }
    }
}
