using System.Net;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>A cursor is valid only for the list and the filters that issued it; anything else is 400 INVALID_CURSOR.</summary>
public sealed class CursorTests : SyncTestBase
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["Sync:Enabled"] = "true",
        ["Sync:PollInterval"] = "01:00:00",
    };

    [Test]
    public async Task ListCursor_WhenUsedElsewhereOrWithOtherFilters_ShouldAnswer400InvalidCursor()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Cursor")));
        await CreateAsync(MemberA, SlackBody(UniqueName("Cursor")));
        using var first = await MemberA.GetAsync("/api/connections?limit=1");
        var next = NextPage(first)!;
        var cursor = Cursor(next);

        using var followed = await MemberA.GetAsync(next);
        using var onSyncs = await MemberA.GetAsync($"/api/connections/{id}/syncs?cursor={cursor}");
        using var onMessages = await MemberA.GetAsync($"/api/connections/{id}/messages?cursor={cursor}");
        using var otherFilter = await MemberA.GetAsync($"/api/connections?limit=1&platform=slack&cursor={cursor}");

        Assert.That(followed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the Link header's URL as it is");
        await AssertProblemAsync(onSyncs, 400, "INVALID_CURSOR");
        await AssertProblemAsync(onMessages, 400, "INVALID_CURSOR");
        var problem = await AssertProblemAsync(otherFilter, 400, "INVALID_CURSOR");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "cursor" }));
    }

    [Test]
    public async Task MessagesCursor_WhenUsedOnTheListOrWithAnotherChannel_ShouldAnswer400InvalidCursor()
    {
        var id = await CreateSelectedAsync(SlackBody(UniqueName("Cursor")), FakeTokens.Slack.GeneralChannelId);
        await SyncAndWaitAsync(id);
        using var first = await MemberA.GetAsync($"/api/connections/{id}/messages?channel_id={FakeTokens.Slack.GeneralChannelId}&limit=1");
        var next = NextPage(first)!;
        var cursor = Cursor(next);

        using var followed = await MemberA.GetAsync(next);
        using var onList = await MemberA.GetAsync($"/api/connections?cursor={cursor}");
        using var otherChannel = await MemberA.GetAsync($"/api/connections/{id}/messages?channel_id={FakeTokens.Slack.RandomChannelId}&limit=1&cursor={cursor}");
        using var noChannel = await MemberA.GetAsync($"/api/connections/{id}/messages?limit=1&cursor={cursor}");

        Assert.That(followed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertProblemAsync(onList, 400, "INVALID_CURSOR");
        await AssertProblemAsync(otherChannel, 400, "INVALID_CURSOR");
        await AssertProblemAsync(noChannel, 400, "INVALID_CURSOR");
    }

    [TestCase("bm9wZQ", TestName = "Cursor_WhenNotIssuedByUs_ShouldAnswer400InvalidCursor")]
    [TestCase("djE6Y29ubl8wMUFSWVo2UzQxVFNWNFJSRkZRNjlHNUZBVg", TestName = "Cursor_WhenInTheOldUnsealedForm_ShouldAnswer400InvalidCursor")]
    [TestCase("%%%", TestName = "Cursor_WhenPunctuation_ShouldAnswer400InvalidCursor")]
    public async Task Cursor_WhenNotOneWeIssued_ShouldAnswer400InvalidCursor(string cursor)
    {
        using var response = await MemberA.GetAsync($"/api/connections?cursor={Uri.EscapeDataString(cursor)}");

        await AssertProblemAsync(response, 400, "INVALID_CURSOR");
    }

    [Test]
    public async Task Cursor_WhenOneCharacterIsChanged_ShouldAnswer400InvalidCursor()
    {
        await CreateAsync(MemberA, SlackBody(UniqueName("Cursor")));
        await CreateAsync(MemberA, SlackBody(UniqueName("Cursor")));
        using var first = await MemberA.GetAsync("/api/connections?limit=1");
        var cursor = Cursor(NextPage(first)!);
        var tampered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        using var response = await MemberA.GetAsync($"/api/connections?limit=1&cursor={tampered}");

        await AssertProblemAsync(response, 400, "INVALID_CURSOR");
    }

    private static string Cursor(string pathAndQuery) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://x"), pathAndQuery).Query)["cursor"]!;
}
