using System.Net;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Connections.FakePlatforms;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Optimistic concurrency on connections: <c>ETag</c> out, <c>If-Match</c> in, 412 on a stale tag.</summary>
public sealed class ConcurrencyTests : FunctionalTest
{
    [Test]
    public async Task Get_WhenConnectionExists_ShouldAnswerAStrongETagThatChangesWithEveryWrite()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Tagged")));

        var before = await ETagOfAsync(id);
        using var renamed = await MemberA.PutAsync($"/api/connections/{id}", Json(new { name = UniqueName("Renamed") }));
        var after = await ETagOfAsync(id);

        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Match("^\"[0-9a-f]{32}\"$"));
            Assert.That(after, Is.Not.EqualTo(before));
            Assert.That(renamed.Headers.ETag?.ToString(), Is.EqualTo(after), "the PUT answers the new ETag");
        });
    }

    [Test]
    public async Task Put_WhenIfMatchIsStale_ShouldAnswer412AndChangeNothing()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Stale")));
        var stale = await ETagOfAsync(id);
        var first = UniqueName("First writer");
        using (var firstWrite = await MemberA.SendAsync(Put($"/api/connections/{id}", new { name = first }, stale)))
        {
            Assert.That(firstWrite.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var current = await ETagOfAsync(id);
        using var second = await MemberA.SendAsync(Put($"/api/connections/{id}", new { name = UniqueName("Second writer"), settings = new { sync_interval_minutes = 60 } }, stale));
        using var weak = await MemberA.SendAsync(Put($"/api/connections/{id}", new { name = UniqueName("Weak") }, "W/" + current));
        using var foreign = await MemberA.SendAsync(Put($"/api/connections/{id}", new { name = UniqueName("Foreign") }, "\"not-one-of-ours\""));
        var stored = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        var problem = await AssertProblemAsync(second, 412, "PRECONDITION_FAILED");
        await AssertProblemAsync(weak, 412, "PRECONDITION_FAILED");
        await AssertProblemAsync(foreign, 412, "PRECONDITION_FAILED");
        Assert.Multiple(() =>
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("If-Match"));
            Assert.That(stored["name"]!.GetValue<string>(), Is.EqualTo(first));
            Assert.That(stored["settings"]!["sync_interval_minutes"]!.GetValue<int>(), Is.EqualTo(240), "nothing of the refused write applied");
        });
        Assert.That(await ETagOfAsync(id), Is.EqualTo(current));
    }

    [Test]
    public async Task Put_WhenIfMatchIsCurrentStarOrEmpty_ShouldApplyAndAnswerANewETag()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Fresh")));
        var etag = await ETagOfAsync(id);

        using var current = await MemberA.SendAsync(Put($"/api/connections/{id}", new { name = UniqueName("With ETag") }, etag));
        using var chained = await MemberA.SendAsync(Put($"/api/connections/{id}", new { settings = new { wiki_enabled = false } }, current.Headers.ETag?.ToString()));
        using var star = await MemberA.SendAsync(Put($"/api/connections/{id}", new { settings = new { sync_interval_minutes = 30 } }, "*"));
        using var empty = await MemberA.SendAsync(Put($"/api/connections/{id}", new { settings = new { graph_enabled = false } }, ""));
        var stored = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(current.Headers.ETag?.ToString(), Is.Not.Null.And.Not.EqualTo(etag));
            Assert.That(chained.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the ETag a write answers is good for the next write");
            Assert.That(star.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.OK), "an empty If-Match is no condition");
            Assert.That(stored["settings"]!["wiki_enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(stored["settings"]!["sync_interval_minutes"]!.GetValue<int>(), Is.EqualTo(30));
            Assert.That(stored["settings"]!["graph_enabled"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task Delete_WhenIfMatchIsStale_ShouldAnswer412AndKeepTheConnection()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Keep")));
        var stale = await ETagOfAsync(id);
        (await MemberA.PutAsync($"/api/connections/{id}", Json(new { name = UniqueName("Moved on") }))).Dispose();

        using var refused = await MemberA.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Delete, $"/api/connections/{id}"), stale));
        using var stillThere = await MemberA.GetAsync($"/api/connections/{id}");
        using var deleted = await MemberA.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Delete, $"/api/connections/{id}"), stillThere.Headers.ETag!.ToString()));

        await AssertProblemAsync(refused, 412, "PRECONDITION_FAILED");
        Assert.That(stillThere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task PutChannels_WhenIfMatchIsStale_ShouldAnswer412AndKeepTheSelection()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Channels")));
        var stale = await ETagOfAsync(id);
        using var first = await MemberA.SendAsync(Put($"/api/connections/{id}/channels", new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId }, sync_all = false }, stale));

        using var second = await MemberA.SendAsync(Put($"/api/connections/{id}/channels", new { channel_ids = new[] { FakeTokens.Slack.RandomChannelId }, sync_all = false }, stale));
        var channels = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/channels"));

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(first.Headers.ETag?.ToString(), Is.EqualTo(await ETagOfAsync(id)), "PUT …/channels answers the connection's new ETag");
        await AssertProblemAsync(second, 412, "PRECONDITION_FAILED");
        Assert.That(
            channels.Where(c => c!["sync_enabled"]!.GetValue<bool>()).Select(c => c!["id"]!.GetValue<string>()),
            Is.EquivalentTo(new[] { FakeTokens.Slack.GeneralChannelId }));
    }

    [Test]
    public async Task Put_WhenTwoWritersRaceWithTheSameETag_ShouldLetExactlyOneWin()
    {
        for (var round = 0; round < 3; round++)
        {
            var id = await CreateAsync(MemberA, SlackBody(UniqueName("Race")));
            var etag = await ETagOfAsync(id);
            var names = new[] { UniqueName("Writer A"), UniqueName("Writer B") };

            var responses = await Task.WhenAll(names.Select(name => MemberA.SendAsync(Put($"/api/connections/{id}", new { name }, etag))));
            var stored = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

            var statuses = responses.Select(r => (int)r.StatusCode).Order().ToList();
            Assert.That(statuses, Is.EqualTo(new[] { 200, 412 }), string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))));
            var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            await AssertProblemAsync(responses.Single(r => r.StatusCode != HttpStatusCode.OK), 412, "PRECONDITION_FAILED");
            Assert.That(stored["name"]!.GetValue<string>(), Is.EqualTo((await ReadObjectAsync(winner))["name"]!.GetValue<string>()));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    private async Task<string> ETagOfAsync(string id)
    {
        using var response = await MemberA.GetAsync($"/api/connections/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return response.Headers.ETag?.ToString() ?? throw new AssertionException("GET answered no ETag.");
    }

    private static HttpRequestMessage Put(string url, object body, string? ifMatch) =>
        WithIfMatch(new HttpRequestMessage(HttpMethod.Put, url) { Content = Json(body) }, ifMatch);

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string? ifMatch)
    {
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
