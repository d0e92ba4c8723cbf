using System.Net;
using System.Text.Json;
using Connections.FakePlatforms;
using Connections.Infrastructure.Persistence;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.WebApi.FunctionalTests;

/// <summary><c>Idempotency-Key</c> on the creating POSTs: Stripe's semantics, durable in the database.</summary>
public sealed class IdempotencyTests : FunctionalTest
{
    private const string Header = "Idempotency-Key";

    [Test]
    public async Task CreateConnection_WhenRetriedWithSameKeyAndBody_ShouldReplayTheFirstResponseAndExecuteNothing()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Replay"));
        var json = JsonSerializer.Serialize(body, Snake);
        var key = NewKey();

        using var first = await PostAsync(MemberA, "/api/connections", json, key);
        var firstBody = await first.Content.ReadAsByteArrayAsync();
        var connectionsAfterFirst = await CountAsync(db => db.Connections.CountAsync());
        var platformCallsAfterFirst = Fake.CountRequests(token);
        using var retry = await PostAsync(MemberA, "/api/connections", json, key);
        var retryBody = await retry.Content.ReadAsByteArrayAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(201), System.Text.Encoding.UTF8.GetString(firstBody));
            Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That((int)retry.StatusCode, Is.EqualTo(201));
            Assert.That(retryBody, Is.EqualTo(firstBody), "the same body bytes");
            Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(retry.Content.Headers.ContentType?.ToString(), Is.EqualTo(first.Content.Headers.ContentType?.ToString()));
            Assert.That(retry.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
            Assert.That(await CountAsync(db => db.Connections.CountAsync()), Is.EqualTo(connectionsAfterFirst), "no second connection");
            Assert.That(Fake.CountRequests(token), Is.EqualTo(platformCallsAfterFirst), "no second platform check");
        });
    }

    [Test]
    public async Task StartSync_WhenRetriedWithSameKey_ShouldReplayTheSameRunAndQueueNoOther()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Sync replay")));
        using var select = await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId }, sync_all = false }));
        var key = NewKey();

        using var first = await PostAsync(MemberA, $"/api/connections/{id}/sync", null, key);
        var firstBody = await first.Content.ReadAsStringAsync();
        using var retry = await PostAsync(MemberA, $"/api/connections/{id}/sync", null, key);
        using var withoutKey = await MemberA.PostAsync($"/api/connections/{id}/sync", null);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(202), firstBody);
            Assert.That((int)retry.StatusCode, Is.EqualTo(202), "the replay, not 409 SYNC_IN_PROGRESS");
            Assert.That(await retry.Content.ReadAsStringAsync(), Is.EqualTo(firstBody));
            Assert.That(retry.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(retry.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
            Assert.That((int)withoutKey.StatusCode, Is.EqualTo(409), "without a key the request executes (and finds the queued run)");
            Assert.That(await CountAsync(db => db.SyncRuns.CountAsync(r => r.ConnectionId == id)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task CreateConnection_WhenSameKeyWithAnotherBody_ShouldAnswer422AndExecuteNothing()
    {
        var key = NewKey();
        using var first = await PostAsync(MemberA, "/api/connections", JsonSerializer.Serialize(SlackBody(UniqueName("First")), Snake), key);
        var (other, token) = SlackBodyWithToken(UniqueName("Other"));
        var connections = await CountAsync(db => db.Connections.CountAsync());

        using var reused = await PostAsync(MemberA, "/api/connections", JsonSerializer.Serialize(other, Snake), key);

        Assert.That((int)first.StatusCode, Is.EqualTo(201));
        await AssertProblemAsync(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(Fake.CountRequests(token), Is.Zero, "the platform is not called");
            Assert.That(await CountAsync(db => db.Connections.CountAsync()), Is.EqualTo(connections));
        });
    }

    [Test]
    public async Task Post_WhenSameKeyOnAnotherPath_ShouldAnswer422()
    {
        var key = NewKey();
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Path")));
        using var first = await PostAsync(MemberA, $"/api/connections/{id}/sync", null, key);

        using var reused = await PostAsync(MemberA, "/api/connections", JsonSerializer.Serialize(SlackBody(UniqueName("Path 2")), Snake), key);

        await AssertProblemAsync(reused, 422, "IDEMPOTENCY_KEY_REUSED");
    }

    [Test]
    public async Task CreateConnection_WhenAnotherCallerUsesTheSameKey_ShouldExecuteForEach()
    {
        var key = NewKey();

        using var byA = await PostAsync(MemberA, "/api/connections", JsonSerializer.Serialize(SlackBody(UniqueName("Caller A")), Snake), key);
        using var byB = await PostAsync(MemberB, "/api/connections", JsonSerializer.Serialize(SlackBody(UniqueName("Caller B")), Snake), key);

        Assert.Multiple(() =>
        {
            Assert.That((int)byA.StatusCode, Is.EqualTo(201));
            Assert.That((int)byB.StatusCode, Is.EqualTo(201));
            Assert.That(byB.Headers.Contains("Idempotent-Replayed"), Is.False);
            Assert.That(byB.Headers.Location, Is.Not.EqualTo(byA.Headers.Location));
        });
    }

    [Test]
    public async Task CreateConnection_WhenEightConcurrentRequestsShareAKey_ShouldExecuteExactlyOnce()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Concurrent"));
        var json = JsonSerializer.Serialize(body, Snake);
        var key = NewKey();
        var connections = await CountAsync(db => db.Connections.CountAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(MemberA, "/api/connections", json, key)));
        var answers = new List<(int Status, string Body, bool Replayed, string? RetryAfter)>();
        foreach (var response in responses)
        {
            answers.Add(((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotent-Replayed"),
                response.Headers.RetryAfter?.ToString()));
            response.Dispose();
        }

        var created = answers.Where(a => a.Status == 201).ToList();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(answers.Select(a => a.Status), Is.All.AnyOf(201, 409), string.Join("\n", answers.Select(a => a.Body)));
            Assert.That(created.Count(a => !a.Replayed), Is.EqualTo(1), "exactly one executed");
            Assert.That(created.Select(a => a.Body).Distinct().Count(), Is.EqualTo(1), "the others replay its body");
            Assert.That(answers.Where(a => a.Status == 409).Select(a => a.Body), Is.All.Contains("IDEMPOTENCY_REQUEST_IN_PROGRESS"));
            Assert.That(answers.Where(a => a.Status == 409).Select(a => a.RetryAfter), Is.All.EqualTo("1"));
            Assert.That(await CountAsync(db => db.Connections.CountAsync()), Is.EqualTo(connections + 1));
            Assert.That(Fake.CountRequests(token, "auth.test"), Is.EqualTo(1), "one platform check");
        });
    }

    [Test]
    public async Task CreateConnection_WhenTheFirstAttemptFailedWith502_ShouldExecuteTheRetry()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Upstream"), FakeTokens.Slack.ServerError);
        var json = JsonSerializer.Serialize(body, Snake);
        var key = NewKey();

        using var first = await PostAsync(MemberA, "/api/connections", json, key);
        var callsAfterFirst = Fake.CountRequests(token);
        using var retry = await PostAsync(MemberA, "/api/connections", json, key);

        Assert.Multiple(() =>
        {
            Assert.That((int)first.StatusCode, Is.EqualTo(502));
            Assert.That((int)retry.StatusCode, Is.EqualTo(502));
            Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.False, "a 5xx is not stored");
            Assert.That(Fake.CountRequests(token), Is.GreaterThan(callsAfterFirst), "the retry called the platform again");
        });
    }

    [Test]
    public async Task CreateConnection_WhenTheStoredResponseExpired_ShouldExecuteAgainAndPurgeExpiredRows()
    {
        var body = SlackBody(UniqueName("Expired"));
        var json = JsonSerializer.Serialize(body, Snake);
        var key = NewKey();
        var otherKey = NewKey();
        using var first = await PostAsync(MemberA, "/api/connections", json, key);
        using var other = await PostAsync(MemberA, "/api/connections", JsonSerializer.Serialize(SlackBody(UniqueName("Other expired")), Snake), otherKey);
        var day = (long)TimeSpan.FromHours(25).TotalMilliseconds;
        await CountAsync(db => db.IdempotencyRequests.Where(r => r.Key == key || r.Key == otherKey)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.CreatedAtMs, r => r.CreatedAtMs - day).SetProperty(r => r.ExpiresAtMs, r => r.ExpiresAtMs - day)));

        using var retry = await PostAsync(MemberA, "/api/connections", json, key);

        // Executed again: the name is taken now (by the connection the first request created), no replayed 201.
        Assert.That(retry.Headers.Contains("Idempotent-Replayed"), Is.False, "an expired response is never replayed");
        await AssertProblemAsync(retry, 409, "CONNECTION_NAME_TAKEN");
        Assert.That(await CountAsync(db => db.IdempotencyRequests.CountAsync(r => r.Key == otherKey)), Is.Zero, "expired rows are purged");
    }

    [Test]
    public async Task CreateConnection_WhenTheKeyIsHeldByARunningOrAbandonedClaim_ShouldAnswer409ThenTakeItOver()
    {
        var body = SlackBody(UniqueName("Abandoned"));
        var json = JsonSerializer.Serialize(body, Snake);
        var key = NewKey();
        using var first = await PostAsync(MemberA, "/api/connections", json, key);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await SetClaimAsync(key, now - (long)TimeSpan.FromMinutes(1).TotalMilliseconds);

        using var whileRunning = await PostAsync(MemberA, "/api/connections", json, key);
        Assert.That(whileRunning.Headers.RetryAfter?.ToString(), Is.EqualTo("1"));
        await AssertProblemAsync(whileRunning, 409, "IDEMPOTENCY_REQUEST_IN_PROGRESS");

        await SetClaimAsync(key, now - (long)TimeSpan.FromMinutes(3).TotalMilliseconds);
        using var afterLease = await PostAsync(MemberA, "/api/connections", json, key);

        // The abandoned claim was taken over and the request executed: the name is taken by the first one's connection.
        Assert.That(afterLease.Headers.Contains("Idempotent-Replayed"), Is.False);
        await AssertProblemAsync(afterLease, 409, "CONNECTION_NAME_TAKEN");
    }

    [TestCase("clé")]
    [TestCase("tab\tinside")]
    public async Task CreateConnection_WhenTheKeyIsMalformed_ShouldAnswer400NamingTheHeaderAndExecuteNothing(string key)
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Malformed"));

        using var response = await PostAsync(MemberA, "/api/connections", JsonSerializer.Serialize(body, Snake), key);

        var problem = await AssertProblemAsync(response, 400, "INVALID_IDEMPOTENCY_KEY");
        Assert.Multiple(() =>
        {
            Assert.That(problem["errors"]?["Idempotency-Key"], Is.Not.Null, problem.ToJsonString());
            Assert.That(Fake.CountRequests(token), Is.Zero);
        });
    }

    [Test]
    public async Task CreateConnection_WhenTheKeyIsLongerThan255Characters_ShouldAnswer400()
    {
        using var response = await PostAsync(MemberA, "/api/connections", JsonSerializer.Serialize(SlackBody(UniqueName("Long")), Snake), new string('k', 256));
        await AssertProblemAsync(response, 400, "INVALID_IDEMPOTENCY_KEY");
    }

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? json, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = json is null ? null : RawJson(json),
        };
        request.Headers.TryAddWithoutValidation(Header, key);
        return await client.SendAsync(request);
    }

    private async Task<T> CountAsync<T>(Func<ConnectionsDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>());
    }

    /// <summary>Turns the completed record back into a claim taken at <paramref name="claimedAtMs"/> and never finished.</summary>
    private Task<int> SetClaimAsync(string key, long claimedAtMs) =>
        CountAsync(db => db.IdempotencyRequests.Where(r => r.Key == key).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.State, IdempotencyRequest.InProgress)
            .SetProperty(r => r.CreatedAtMs, claimedAtMs)));
}
