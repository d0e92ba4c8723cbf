using System.Net;
using System.Text;
using Connections.Application.Webhooks.Common;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Slack Events API deliveries: the signature is the authentication; messages of synced channels are stored once.</summary>
public sealed class SlackEventsTests : FunctionalTest
{
    private string _connectionId = null!;
    private string _signingSecret = null!;

    [SetUp]
    public async Task CreateSyncedSlackConnectionAsync()
    {
        _signingSecret = Secrets.SigningSecret();
        var body = new
        {
            platform = "slack",
            name = UniqueName("Events"),
            credentials = new { bot_token = Secrets.Token(FakeTokens.Slack.Valid), signing_secret = _signingSecret },
        };
        _connectionId = await CreateAsync(MemberA, body);
        using var select = await MemberA.PutAsync($"/api/connections/{_connectionId}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId }, sync_all = false }));
        Assert.That(select.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task UrlVerification_WhenSigned_ShouldAnswerTheChallenge()
    {
        using var response = await DeliverAsync("""{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadObjectAsync(response))["challenge"]!.GetValue<string>(), Is.EqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"));
    }

    [Test]
    public async Task MessageEvent_WhenSignedForASyncedChannel_ShouldBeStored()
    {
        var ts = NewTs();
        using var response = await DeliverAsync(MessageEvent(FakeTokens.Slack.GeneralChannelId, ts, "hello from the events API"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var messages = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{_connectionId}/messages"));
        var stored = messages.Single(m => m!["id"]!.GetValue<string>() == ts)!;
        Assert.Multiple(() =>
        {
            Assert.That(stored["text"]!.GetValue<string>(), Is.EqualTo("hello from the events API"));
            Assert.That(stored["channel_id"]!.GetValue<string>(), Is.EqualTo(FakeTokens.Slack.GeneralChannelId));
            Assert.That(stored["author"]!["id"]!.GetValue<string>(), Is.EqualTo("U0AUTHOR1"));
        });
    }

    [Test]
    public async Task MessageEvent_WhenLargerThanAnApiRequestMayBe_ShouldStillBeAccepted()
    {
        var ts = NewTs();
        var text = new string('x', 200_000);

        using var response = await DeliverAsync(MessageEvent(FakeTokens.Slack.GeneralChannelId, ts, text));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "webhooks take up to 1 MB; API bodies 64 KB");
        var messages = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{_connectionId}/messages"));
        Assert.That(messages.Single(m => m!["id"]!.GetValue<string>() == ts)!["text"]!.GetValue<string>(), Has.Length.EqualTo(text.Length));
    }

    [Test]
    public async Task MessageEvent_WhenTimestampIsNotSlacks_ShouldBeIgnoredNotFail()
    {
        using var response = await DeliverAsync(MessageEvent(FakeTokens.Slack.GeneralChannelId, "99999999999999999999.1", "odd ts"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var messages = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{_connectionId}/messages"));
        Assert.That(messages.Select(m => m!["text"]!.GetValue<string>()), Does.Not.Contain("odd ts"));
    }

    [Test]
    public async Task MessageEvent_WhenRetriedBySlack_ShouldBeStoredOnce()
    {
        var ts = NewTs();
        var json = MessageEvent(FakeTokens.Slack.GeneralChannelId, ts, "delivered twice");
        var timestamp = Now();

        using var first = await DeliverAsync(json, timestamp);
        using var retry = await DeliverAsync(json, timestamp, retryNum: 1);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var messages = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{_connectionId}/messages"));
        Assert.That(messages.Count(m => m!["id"]!.GetValue<string>() == ts), Is.EqualTo(1));
    }

    [Test]
    public async Task MessageChanged_ShouldUpdateTheStoredMessageInPlace()
    {
        var ts = NewTs();
        await DeliverAsync(MessageEvent(FakeTokens.Slack.GeneralChannelId, ts, "first words"));
        var edited = $$$"""
            {"type":"event_callback","team_id":"{{{FakeTokens.Slack.TeamId}}}","event_id":"Ev{{{Guid.NewGuid():N}}}","event_time":1,
             "event":{"type":"message","subtype":"message_changed","channel":"{{{FakeTokens.Slack.GeneralChannelId}}}",
                      "message":{"type":"message","user":"U0AUTHOR1","text":"better words","ts":"{{{ts}}}","edited":{"user":"U0AUTHOR1","ts":"{{{NewTs()}}}"} } } }
            """;

        using var response = await DeliverAsync(edited);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var stored = (await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{_connectionId}/messages"))).Where(m => m!["id"]!.GetValue<string>() == ts).ToList();
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(stored[0]!["text"]!.GetValue<string>(), Is.EqualTo("better words"));
        Assert.That(stored[0]!["edited_at"], Is.Not.Null);
    }

    [Test]
    public async Task MessageEvent_WhenChannelNotSynced_ShouldBeIgnored()
    {
        var ts = NewTs();

        using var response = await DeliverAsync(MessageEvent(FakeTokens.Slack.RandomChannelId, ts, "not selected"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var messages = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{_connectionId}/messages"));
        Assert.That(messages.Select(m => m!["id"]!.GetValue<string>()), Does.Not.Contain(ts));
    }

    [Test]
    public async Task Delivery_WhenSignatureWrong_ShouldAnswer401AndStoreNothing()
    {
        var ts = NewTs();
        var json = MessageEvent(FakeTokens.Slack.GeneralChannelId, ts, "forged");
        var timestamp = Now();
        var forged = SlackSignature.Compute("0123456789abcdef0123456789abcdef", timestamp, Encoding.UTF8.GetBytes(json));

        using var response = await PostAsync(json, timestamp, forged);
        using var unsigned = await PostAsync(json, timestamp, null);
        using var tampered = await PostAsync(json.Replace("forged", "tampered", StringComparison.Ordinal), timestamp, SlackSignature.Compute(_signingSecret, timestamp, Encoding.UTF8.GetBytes(json)));

        await AssertProblemAsync(response, 401, "INVALID_SIGNATURE");
        await AssertProblemAsync(unsigned, 401, "INVALID_SIGNATURE");
        await AssertProblemAsync(tampered, 401, "INVALID_SIGNATURE");
        var messages = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{_connectionId}/messages"));
        Assert.That(messages.Select(m => m!["id"]!.GetValue<string>()), Does.Not.Contain(ts));
    }

    [TestCase(-6 * 60)]
    [TestCase(6 * 60)]
    public async Task Delivery_WhenTimestampOutsideFiveMinutes_ShouldAnswer401EvenIfSigned(int offsetSeconds)
    {
        var ts = NewTs();
        var json = MessageEvent(FakeTokens.Slack.GeneralChannelId, ts, "replayed later");
        var stale = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await DeliverAsync(json, stale);

        await AssertProblemAsync(response, 401, "STALE_REQUEST");
        var messages = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{_connectionId}/messages"));
        Assert.That(messages.Select(m => m!["id"]!.GetValue<string>()), Does.Not.Contain(ts));
    }

    [TestCase("[1,2,3]")]
    [TestCase("null")]
    [TestCase("\"x\"")]
    [TestCase("17")]
    [TestCase("{\"type\":1}")]
    [TestCase("{\"type\":\"url_verification\",\"challenge\":5}")]
    [TestCase("{\"type\":\"url_verification\",\"challenge\":{\"a\":[]}}")]
    [TestCase("{\"type\":\"event_callback\",\"event\":[]}")]
    [TestCase("{\"type\":\"event_callback\",\"team_id\":5,\"event\":{\"type\":\"message\"}}")]
    [TestCase("{\"type\":\"event_callback\",\"team_id\":\"T0FAKE001\",\"event\":{\"type\":\"message\",\"channel\":\"C0FAKEGEN1\",\"subtype\":\"message_changed\",\"message\":7}}")]
    [TestCase("{\"type\":\"event_callback\",\"team_id\":\"T0FAKE001\",\"event\":{\"type\":\"message\",\"channel\":\"C0FAKEGEN1\",\"ts\":\"1700000000.000100\",\"edited\":[1]}}")]
    public async Task Delivery_WhenSignedButOfAnUnexpectedShape_ShouldBeAcknowledgedNotFail(string json)
    {
        using var response = await DeliverAsync(json);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Delivery_WhenSignedArbitraryJsonIsFuzzed_ShouldNeverAnswer500()
    {
        // Seeded, so a failure reproduces; bounded in count and time, so the suite stays fast.
        var random = new Random(20261201);
        var deadline = DateTime.UtcNow.AddSeconds(8);
        var sent = 0;
        while (sent < 600 && DateTime.UtcNow < deadline)
        {
            var json = SlackShapedJson.Value(random, depth: 0)?.ToJsonString() ?? "null";
            using var response = await DeliverAsync(json);
            sent++;

            // 401 is right when the body names another team: an unknown team is answered like a bad signature.
            Assert.That((int)response.StatusCode, Is.AnyOf(200, 400, 401), $"delivery {sent}: {json}");
        }

        Assert.That(sent, Is.GreaterThan(50), "the fuzz loop must actually deliver");
    }

    private Task<HttpResponseMessage> DeliverAsync(string json, string? timestamp = null, int? retryNum = null) =>
        Anonymous.SendAsync(SlackEventRequests.SignedWith(json, _signingSecret, timestamp, retryNum));

    private Task<HttpResponseMessage> PostAsync(string json, string timestamp, string? signature, int? retryNum = null) =>
        Anonymous.SendAsync(SlackEventRequests.WithSignature(json, timestamp, signature, retryNum));

    private static string MessageEvent(string channel, string ts, string text) => $$$"""
        {"type":"event_callback","team_id":"{{{FakeTokens.Slack.TeamId}}}","api_app_id":"{{{FakeTokens.Slack.AppId}}}","event_id":"Ev{{{Guid.NewGuid():N}}}","event_time":1,
         "event":{"type":"message","channel":"{{{channel}}}","user":"U0AUTHOR1","text":"{{{text}}}","ts":"{{{ts}}}","channel_type":"channel"}}
        """;

    private static string Now() => SlackEventRequests.Now();

    private static string NewTs() => SlackEventRequests.NewTs();
}
