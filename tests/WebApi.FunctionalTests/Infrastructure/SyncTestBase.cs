using System.Net;
using System.Text.Json.Nodes;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>Helpers of the sync fixtures: choose channels, queue a run and wait for it, read every stored message.</summary>
public abstract class SyncTestBase : FunctionalTest
{
    protected async Task<string> CreateSelectedAsync(object body, params string[] channelIds)
    {
        var id = await CreateAsync(MemberA, body);
        using var select = await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = channelIds, sync_all = false }));
        Assert.That(select.StatusCode, Is.EqualTo(HttpStatusCode.OK), await select.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>Queues a manual run (waiting out a scheduled one in progress) and waits until it finishes.</summary>
    protected async Task<JsonObject> SyncAndWaitAsync(string id)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await MemberA.PostAsync($"/api/connections/{id}/sync", null);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var runId = (await ReadObjectAsync(response))["id"]!.GetValue<string>();
                return await WaitForRunAsync(id, r => r["id"]!.GetValue<string>() == runId && IsFinished(r));
            }

            Assert.That((int)response.StatusCode, Is.EqualTo(409), await response.Content.ReadAsStringAsync());
            Assert.That(attempt, Is.LessThan(100), "a run stayed active too long");
            await Task.Delay(100);
        }
    }

    protected async Task<JsonObject> WaitForRunAsync(string id, Func<JsonObject, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var runs = await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/syncs?limit=100"));
            if (runs.Select(r => r!.AsObject()).FirstOrDefault(done) is { } run)
            {
                return run;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The run did not finish within 60 s.");
        return null!;
    }

    protected static bool IsFinished(JsonObject run) => run["status"]!.GetValue<string>() is "succeeded" or "failed" or "partial";

    protected async Task<List<JsonObject>> AllMessagesAsync(string id, string channelId)
    {
        var all = new List<JsonObject>();
        string? url = $"/api/connections/{id}/messages?channel_id={channelId}&limit=500";
        while (url is not null)
        {
            using var response = await MemberA.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            all.AddRange((await ReadArrayAsync(response)).Select(m => m!.AsObject()));
            url = NextPage(response);
        }

        return all;
    }
}
