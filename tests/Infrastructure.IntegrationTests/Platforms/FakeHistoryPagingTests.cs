using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Connections.FakePlatforms;
using D = Connections.FakePlatforms.FakeTokens.Discord;
using H = Connections.FakePlatforms.FakeHistory;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

/// <summary>The fake's own paging semantics, over raw HTTP: the sources' tests rely on them being Slack's and Discord's.</summary>
public class FakeHistoryPagingTests : PlatformTestBase
{
    private static readonly HttpClient Http = new();

    private async Task<JsonElement> SlackAsync(string token, string method, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Fake.SlackApiBaseUrl, $"{method}?{query}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> DiscordAsync(string token, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Fake.DiscordApiBaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", token);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string[] Ts(JsonElement body) => [.. body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("ts").GetString()!)];

    [Test]
    public async Task SlackHistory_WhenBoundedByOldestAndLatest_ShouldExcludeThemUnlessInclusive()
    {
        var token = FakeTokens.Unique(S.Valid);
        var window = $"channel={S.GeneralChannelId}&oldest={H.Slack.TopLevelTs(10)}&latest={H.Slack.TopLevelTs(13)}";

        Ts(await SlackAsync(token, "conversations.history", window)).ShouldBe([H.Slack.TopLevelTs(12), H.Slack.TopLevelTs(11)]);
        Ts(await SlackAsync(token, "conversations.history", window + "&inclusive=true"))
            .ShouldBe([.. Enumerable.Range(10, 4).Reverse().Select(H.Slack.TopLevelTs)]);
    }

    [Test]
    public async Task SlackHistory_WhenPagedWithCursors_ShouldEndWithAnEmptyCursorAndNoMore()
    {
        var token = FakeTokens.Unique(S.Valid);
        var first = await SlackAsync(token, "conversations.history", $"channel={S.GeneralChannelId}&limit=30");
        first.GetProperty("has_more").GetBoolean().ShouldBeTrue();
        Ts(first).Length.ShouldBe(30);
        var cursor = first.GetProperty("response_metadata").GetProperty("next_cursor").GetString()!;

        // A message posted meanwhile does not shift the pass.
        Fake.AddSlackMessage(token, S.GeneralChannelId, "meanwhile");
        var second = await SlackAsync(token, "conversations.history", $"channel={S.GeneralChannelId}&limit=30&cursor={Uri.EscapeDataString(cursor)}");

        Ts(second).ShouldBe([.. Enumerable.Range(0, 10).Reverse().Select(H.Slack.TopLevelTs)]);
        second.GetProperty("has_more").GetBoolean().ShouldBeFalse();
        second.GetProperty("response_metadata").GetProperty("next_cursor").GetString().ShouldBe("");
        (await SlackAsync(token, "conversations.history", $"channel={S.GeneralChannelId}&limit=1000")).GetProperty("error").GetString().ShouldBe("invalid_limit");
    }

    [Test]
    public async Task SlackReplies_ShouldStartWithTheParentAndPage()
    {
        var token = FakeTokens.Unique(S.Valid);
        var first = await SlackAsync(token, "conversations.replies", $"channel={S.GeneralChannelId}&ts={H.Slack.ThreadParentTs}&limit=4");

        Ts(first).ShouldBe([H.Slack.ThreadParentTs, H.Slack.ReplyTs(0), H.Slack.ReplyTs(1), H.Slack.ReplyTs(2)]);
        var cursor = first.GetProperty("response_metadata").GetProperty("next_cursor").GetString()!;
        var second = await SlackAsync(token, "conversations.replies", $"channel={S.GeneralChannelId}&ts={H.Slack.ThreadParentTs}&limit=4&cursor={Uri.EscapeDataString(cursor)}");
        Ts(second).ShouldBe([H.Slack.ReplyTs(3), H.Slack.ReplyTs(4)]);
        (await SlackAsync(token, "conversations.replies", $"channel={S.GeneralChannelId}&ts=1.000001")).GetProperty("error").GetString().ShouldBe("thread_not_found");
    }

    [Test]
    public async Task DiscordMessages_ShouldHonourBeforeAfterAroundAndLimit()
    {
        var token = FakeTokens.Unique(D.Valid);
        var channel = D.GeneralChannelId;
        string Id(int i) => H.Discord.MessageId(channel, i);
        static string[] Ids(JsonElement body) => [.. body.EnumerateArray().Select(m => m.GetProperty("id").GetString()!)];

        Ids((await DiscordAsync(token, $"channels/{channel}/messages?after={Id(10)}&limit=3")).Body).ShouldBe([Id(13), Id(12), Id(11)]);
        Ids((await DiscordAsync(token, $"channels/{channel}/messages?before={Id(10)}&limit=3")).Body).ShouldBe([Id(9), Id(8), Id(7)]);
        Ids((await DiscordAsync(token, $"channels/{channel}/messages?around={Id(10)}&limit=3")).Body).ShouldBe([Id(11), Id(10), Id(9)]);
        Ids((await DiscordAsync(token, $"channels/{channel}/messages")).Body).Length.ShouldBe(H.Discord.SeededCount); // default limit 50 > 40
        (await DiscordAsync(token, $"channels/{channel}/messages?limit=101")).Status.ShouldBe(HttpStatusCode.BadRequest);
        var unknown = await DiscordAsync(token, "channels/1100000000000009999/messages");
        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
        unknown.Body.GetProperty("code").GetInt32().ShouldBe(10003);
        (await DiscordAsync(token, $"channels/{D.SecretChannelId}/messages")).Body.GetProperty("code").GetInt32().ShouldBe(50001);
    }
}
