using System.Net;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>
/// Per-key and per-connection rate limits (429 <c>TOO_MANY_REQUESTS</c> with <c>Retry-After</c>). Low limits for this
/// fixture only; bursts are sent concurrently so a slow machine still fills a window.
/// </summary>
public sealed class RateLimitTests : FunctionalTest
{
    private const int PerKeyLimit = 20;
    private const int PerConnectionLimit = 3;

    protected override IReadOnlyDictionary<string, string?>? Overrides => new Dictionary<string, string?>
    {
        ["RateLimits:PerKey:PermitLimit"] = PerKeyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:PerKey:Window"] = "00:00:02",
        ["RateLimits:PerConnection:PermitLimit"] = PerConnectionLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:PerConnection:Window"] = "00:01:00",
    };

    [Test]
    public async Task AnyRoute_WhenAKeyIsOverItsBudget_ShouldAnswer429WithRetryAfterLeaveOtherKeysAloneAndRefill()
    {
        var burst = await Task.WhenAll(Enumerable.Range(0, PerKeyLimit * 3).Select(_ => Application.GetAsync("/api/connections?limit=1")));
        using var otherKey = await MemberB.GetAsync("/api/connections?limit=1");

        var refused = burst.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.That(refused, Is.Not.Null, "a burst of three budgets is refused in part");
        Assert.That(burst.Count(r => r.StatusCode == HttpStatusCode.OK), Is.LessThanOrEqualTo(PerKeyLimit * 2), "at most a budget per window");
        Assert.That(burst.All(r => r.StatusCode is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
        var problem = await AssertProblemAsync(refused!, 429, "TOO_MANY_REQUESTS");
        var retryAfter = RetryAfterSeconds(refused!);
        Assert.Multiple(() =>
        {
            Assert.That(retryAfter, Is.InRange(1, 2));
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("rate limit"));
            Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another key has its own budget");
        });
        foreach (var response in burst)
        {
            response.Dispose();
        }

        await Task.Delay(TimeSpan.FromSeconds(retryAfter) + TimeSpan.FromMilliseconds(100));
        using var refilled = await Application.GetAsync("/api/connections?limit=1");
        Assert.That(refilled.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the window refills after Retry-After");
    }

    [Test]
    public async Task ValidateAndSync_WhenAConnectionIsOverItsBudget_ShouldAnswer429ForItButNotForAnotherConnection()
    {
        var limited = await CreateAsync(MemberA, SlackBody(UniqueName("Limited")));
        var other = await CreateAsync(MemberA, SlackBody(UniqueName("Other")));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < PerConnectionLimit * 2 && refused is null; i++)
        {
            var response = await MemberA.PostAsync($"/api/connections/{limited}/validate", null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using var sync = await MemberA.PostAsync($"/api/connections/{limited}/sync", null);
        using var storedChannels = await MemberA.GetAsync($"/api/connections/{limited}/channels");
        using var refresh = await MemberA.GetAsync($"/api/connections/{limited}/channels?refresh=true");
        using var otherValidate = await MemberA.PostAsync($"/api/connections/{other}/validate", null);

        Assert.That(statuses.Take(PerConnectionLimit), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(refused, Is.Not.Null, string.Join(", ", statuses));
        await AssertProblemAsync(refused!, 429, "TOO_MANY_REQUESTS");
        Assert.That(RetryAfterSeconds(refused!), Is.InRange(1, 60));
        await AssertProblemAsync(sync, 429, "TOO_MANY_REQUESTS");
        await AssertProblemAsync(refresh, 429, "TOO_MANY_REQUESTS");
        Assert.Multiple(() =>
        {
            Assert.That(storedChannels.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the stored channel list calls no platform");
            Assert.That(otherValidate.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another connection of the same key has its own budget");
        });
        refused!.Dispose();
    }

    [Test]
    public async Task Create_WhenAKeyCreatesTooFast_ShouldAnswer429AndSaveNothing()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < PerConnectionLimit * 2 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await MemberB.PostAsync("/api/connections", Json(SlackBody(UniqueName("Burst"))));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertProblemAsync(response, 429, "TOO_MANY_REQUESTS");
            }
        }

        using var list = await MemberB.GetAsync("/api/connections?limit=100");
        var saved = (await ReadArrayAsync(list)).Count(c => c!["name"]!.GetValue<string>().StartsWith("Burst", StringComparison.Ordinal));
        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
        Assert.That(saved, Is.EqualTo(statuses.Count(s => s == HttpStatusCode.Created)));
    }

    [Test]
    public async Task Health_WhenCalledInABurst_ShouldNeverBeLimited()
    {
        var burst = await Task.WhenAll(Enumerable.Range(0, PerKeyLimit * 3).Select(_ => Anonymous.GetAsync("/health/live")));

        Assert.That(burst.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        foreach (var response in burst)
        {
            response.Dispose();
        }
    }

    private static int RetryAfterSeconds(HttpResponseMessage response) =>
        (int)(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? throw new AssertionException("No Retry-After delta."));
}
