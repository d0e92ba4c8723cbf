using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>
/// A stored message never moves backwards (issue 11, defect 2; ADR 0017): Slack events, Slack's retries and polls in
/// any order leave the newest version by edit time, then event time.
/// </summary>
public sealed class MessageOrderingTests : SyncTestBase
{
    private string _connectionId = null!;
    private string _signingSecret = null!;
    private string _token = null!;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Sync:Enabled"] = "true",

        // Only a manual run wakes the scheduler: every poll a test waits for is the one it asked for.
        ["Sync:PollInterval"] = "01:00:00",
    };

    [SetUp]
    public async Task CreateSyncedSlackConnectionAsync()
    {
        _signingSecret = Secrets.SigningSecret();
        _token = Secrets.Token(FakeTokens.Slack.Valid);
        var body = new
        {
            platform = "slack",
            name = UniqueName("Ordering"),
            credentials = new { bot_token = _token, signing_secret = _signingSecret },
        };
        _connectionId = await CreateSelectedAsync(body, FakeTokens.Slack.GeneralChannelId);
    }

    [Test]
    public async Task Retry_WhenTheOriginalDeliveryIsRetriedAfterItsEdit_ShouldKeepTheEditedText()
    {
        var ts = NewTs();
        var original = MessageEvent(ts, "the original text", eventTs: ts);
        var timestamp = Now();
        var editTs = Later(ts, seconds: 2);

        await DeliverOkAsync(original, timestamp);
        await DeliverOkAsync(EditEvent(ts, "the edited text", editedTs: Whole(editTs), eventTs: editTs));
        await DeliverOkAsync(original, timestamp, retryNum: 1);

        var stored = await StoredAsync(ts);
        Assert.Multiple(() =>
        {
            Assert.That(stored["text"]!.GetValue<string>(), Is.EqualTo("the edited text"));
            Assert.That(stored["edited_at"]?.GetValue<DateTimeOffset>(), Is.EqualTo(At(Whole(editTs))));
        });
    }

    [Test]
    public async Task Edit_WhenAnOlderEditArrivesAfterANewerOne_ShouldKeepTheNewerText()
    {
        var ts = NewTs();
        var firstEdit = Later(ts, seconds: 2);
        var secondEdit = Later(ts, seconds: 4);
        await DeliverOkAsync(MessageEvent(ts, "v1", eventTs: ts));

        await DeliverOkAsync(EditEvent(ts, "v3, the newest", editedTs: Whole(secondEdit), eventTs: secondEdit));
        await DeliverOkAsync(EditEvent(ts, "v2, older", editedTs: Whole(firstEdit), eventTs: firstEdit));

        var stored = await StoredAsync(ts);
        Assert.Multiple(() =>
        {
            Assert.That(stored["text"]!.GetValue<string>(), Is.EqualTo("v3, the newest"));
            Assert.That(stored["edited_at"]?.GetValue<DateTimeOffset>(), Is.EqualTo(At(Whole(secondEdit))));
        });
    }

    [Test]
    public async Task Edit_WhenTwoEditsShareSlacksWholeSecondEditTime_ShouldKeepTheLaterEvent()
    {
        var ts = NewTs();
        var editedTs = Whole(Later(ts, seconds: 3));
        var earlierEvent = Later(editedTs, seconds: 0, micros: 100_000);
        var laterEvent = Later(editedTs, seconds: 0, micros: 700_000);

        await DeliverOkAsync(EditEvent(ts, "the later edit", editedTs, laterEvent));
        await DeliverOkAsync(EditEvent(ts, "the earlier edit", editedTs, earlierEvent));

        (await StoredAsync(ts))["text"]!.GetValue<string>().ShouldBe("the later edit");
    }

    [Test]
    public async Task Original_WhenDeliveredAfterItsEdit_ShouldNotOverwriteTheEdit()
    {
        var ts = NewTs();
        var editTs = Later(ts, seconds: 2);

        await DeliverOkAsync(EditEvent(ts, "edited first", editedTs: Whole(editTs), eventTs: editTs));
        await DeliverOkAsync(MessageEvent(ts, "the original, late", eventTs: ts));

        var stored = await StoredAsync(ts);
        Assert.Multiple(() =>
        {
            Assert.That(stored["text"]!.GetValue<string>(), Is.EqualTo("edited first"));
            Assert.That(stored["edited_at"]?.GetValue<DateTimeOffset>(), Is.EqualTo(At(Whole(editTs))));
        });
    }

    [Test]
    public async Task Sync_WhenTheHistoryStillHasTheTextBeforeAnEditEvent_ShouldNotRevertIt()
    {
        await SyncAndWaitAsync(_connectionId);
        var ts = Fake.AddSlackMessage(_token, FakeTokens.Slack.GeneralChannelId, "the text before the edit");
        var editTs = Later(ts, seconds: 2);
        await DeliverOkAsync(EditEvent(ts, "the text after the edit", editedTs: Whole(editTs), eventTs: editTs));

        var run = await SyncAndWaitAsync(_connectionId);

        var stored = await StoredAsync(ts);
        Assert.Multiple(() =>
        {
            Assert.That(run["messages_fetched"]!.GetValue<int>(), Is.EqualTo(1), "the poll did read the stale version");
            Assert.That(stored["text"]!.GetValue<string>(), Is.EqualTo("the text after the edit"));
            Assert.That(stored["edited_at"]?.GetValue<DateTimeOffset>(), Is.EqualTo(At(Whole(editTs))));
        });
    }

    [Test]
    public async Task Sync_WhenTheHistoryHasAnOlderEditThanAnEvent_ShouldKeepTheEventsNewerEdit()
    {
        await SyncAndWaitAsync(_connectionId);
        var ts = Fake.AddSlackMessage(_token, FakeTokens.Slack.GeneralChannelId, "v1");
        var historyEdit = Fake.EditSlackMessage(_token, FakeTokens.Slack.GeneralChannelId, ts, "v2, what the history still says");
        var newerEdit = Later(historyEdit, seconds: 2);
        await DeliverOkAsync(EditEvent(ts, "v3, delivered by the event", editedTs: Whole(newerEdit), eventTs: newerEdit));

        await SyncAndWaitAsync(_connectionId);

        var stored = await StoredAsync(ts);
        Assert.Multiple(() =>
        {
            Assert.That(stored["text"]!.GetValue<string>(), Is.EqualTo("v3, delivered by the event"));
            Assert.That(stored["edited_at"]?.GetValue<DateTimeOffset>(), Is.EqualTo(At(Whole(newerEdit))));
        });
    }

    [Test]
    public async Task Sync_WhenTheHistoryHasANewerEditThanStored_ShouldStoreIt()
    {
        await SyncAndWaitAsync(_connectionId);
        var added = Fake.AddSlackMessage(_token, FakeTokens.Slack.GeneralChannelId, "v1");
        await DeliverOkAsync(MessageEvent(added, "v1", eventTs: added));
        var historyEdit = Fake.EditSlackMessage(_token, FakeTokens.Slack.GeneralChannelId, added, "v2, edited since the event");

        await SyncAndWaitAsync(_connectionId);

        var stored = await StoredAsync(added);
        Assert.Multiple(() =>
        {
            Assert.That(stored["text"]!.GetValue<string>(), Is.EqualTo("v2, edited since the event"));
            Assert.That(stored["edited_at"]?.GetValue<DateTimeOffset>(), Is.EqualTo(At(historyEdit)).Within(TimeSpan.FromMilliseconds(1)));
        });
    }

    private async Task<JsonObject> StoredAsync(string ts)
    {
        var messages = await AllMessagesAsync(_connectionId, FakeTokens.Slack.GeneralChannelId);
        Assert.That(messages.Count(m => m["id"]!.GetValue<string>() == ts), Is.EqualTo(1), $"message {ts} stored once");
        return messages.Single(m => m["id"]!.GetValue<string>() == ts);
    }

    private async Task DeliverOkAsync(string json, string? timestamp = null, int? retryNum = null)
    {
        using var request = SlackEventRequests.SignedWith(json, _signingSecret, timestamp, retryNum);
        using var response = await Anonymous.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new message as Slack delivers it: <c>event_ts</c> is its <c>ts</c>, <c>event_time</c> whole seconds.</summary>
    private static string MessageEvent(string ts, string text, string eventTs) => $$$"""
        {"type":"event_callback","team_id":"{{{FakeTokens.Slack.TeamId}}}","api_app_id":"{{{FakeTokens.Slack.AppId}}}","event_id":"Ev{{{Guid.NewGuid():N}}}","event_time":{{{Seconds(eventTs)}}},
         "event":{"type":"message","channel":"{{{FakeTokens.Slack.GeneralChannelId}}}","user":"U0AUTHOR1","text":"{{{text}}}","ts":"{{{ts}}}","event_ts":"{{{eventTs}}}","channel_type":"channel"}}
        """;

    /// <summary>A <c>message_changed</c> event: the edited message inside, its <c>edited.ts</c>, the event's own <c>event_ts</c>.</summary>
    private static string EditEvent(string ts, string text, string editedTs, string eventTs) => $$$"""
        {"type":"event_callback","team_id":"{{{FakeTokens.Slack.TeamId}}}","api_app_id":"{{{FakeTokens.Slack.AppId}}}","event_id":"Ev{{{Guid.NewGuid():N}}}","event_time":{{{Seconds(eventTs)}}},
         "event":{"type":"message","subtype":"message_changed","channel":"{{{FakeTokens.Slack.GeneralChannelId}}}","hidden":true,"ts":"{{{eventTs}}}","event_ts":"{{{eventTs}}}",
                  "message":{"type":"message","user":"U0AUTHOR1","text":"{{{text}}}","ts":"{{{ts}}}","edited":{"user":"U0AUTHOR1","ts":"{{{editedTs}}}"}},
                  "previous_message":{"type":"message","user":"U0AUTHOR1","text":"(whatever it was)","ts":"{{{ts}}}"} } }
        """;

    private static string Now() => SlackEventRequests.Now();

    private static string NewTs() => SlackEventRequests.NewTs();

    /// <summary>A Slack ts <paramref name="seconds"/> (and <paramref name="micros"/>) after another.</summary>
    private static string Later(string ts, int seconds, int micros = 0)
    {
        var parts = ts.Split('.');
        var total = (long.Parse(parts[0], CultureInfo.InvariantCulture) * 1_000_000) + long.Parse(parts[1], CultureInfo.InvariantCulture) + (seconds * 1_000_000L) + micros;
        return $"{total / 1_000_000}.{total % 1_000_000:D6}";
    }

    /// <summary>Slack's <c>edited.ts</c> has whole seconds.</summary>
    private static string Whole(string ts) => ts.Split('.')[0] + ".000000";

    private static string Seconds(string ts) => ts.Split('.')[0];

    private static DateTimeOffset At(string ts)
    {
        var parts = ts.Split('.');
        return DateTimeOffset.UnixEpoch.AddTicks((long.Parse(parts[0], CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond) + (long.Parse(parts[1], CultureInfo.InvariantCulture) * 10));
    }
}
