using System.Net;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Authentication and ownership: members see their own connections only; owners and applications see all.</summary>
public sealed class AccessTests : FunctionalTest
{
    [TestCase(null)]
    [TestCase("Bearer key_01ARZ3NDEKTSV4RRFFQ69G5FAV.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("Bearer not-a-key")]
    [TestCase("Basic dXNlcjpwYXNz")]
    public async Task AnyRoute_WhenKeyMissingOrInvalid_ShouldAnswer401WithBearerChallenge(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/connections");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Anonymous.SendAsync(request);

        await AssertProblemAsync(response, 401, "UNAUTHORIZED");
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task Create_WhenAnonymous_ShouldAnswer401AndSaveNothing()
    {
        var name = UniqueName("Anon");
        using var response = await Anonymous.PostAsync("/api/connections", Json(SlackBody(name)));

        await AssertProblemAsync(response, 401, "UNAUTHORIZED");
        var all = await ReadArrayAsync(await Owner.GetAsync("/api/connections?limit=500"));
        Assert.That(all.Select(c => c!["name"]!.GetValue<string>()), Does.Not.Contain(name));
    }

    [Test]
    public async Task MemberB_WhenTouchingMemberAConnection_ShouldGet404Everywhere()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Alice only")));

        using var get = await MemberB.GetAsync($"/api/connections/{id}");
        using var put = await MemberB.PutAsync($"/api/connections/{id}", Json(new { name = "Stolen" }));
        using var validate = await MemberB.PostAsync($"/api/connections/{id}/validate", null);
        using var channels = await MemberB.GetAsync($"/api/connections/{id}/channels");
        using var select = await MemberB.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = Array.Empty<string>(), sync_all = true }));
        using var delete = await MemberB.DeleteAsync($"/api/connections/{id}");
        var list = await ReadArrayAsync(await MemberB.GetAsync("/api/connections?limit=500"));

        foreach (var response in new[] { get, put, validate, channels, select, delete })
        {
            await AssertProblemAsync(response, 404, "CONNECTION_NOT_FOUND");
        }

        Assert.That(list.Select(c => c!["id"]!.GetValue<string>()), Does.Not.Contain(id));
        var stillThere = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));
        Assert.That(stillThere["name"]!.GetValue<string>(), Does.StartWith("Alice only"));
    }

    [Test]
    public async Task OwnerAndApplication_WhenListingAndReading_ShouldSeeEveryMembersConnections()
    {
        var alice = await CreateAsync(MemberA, SlackBody(UniqueName("A")));
        var bob = await CreateAsync(MemberB, SlackBody(UniqueName("B")));

        foreach (var client in new[] { Owner, Application })
        {
            var ids = (await ReadArrayAsync(await client.GetAsync("/api/connections?limit=500"))).Select(c => c!["id"]!.GetValue<string>()).ToList();
            Assert.That(ids, Does.Contain(alice).And.Contain(bob));
            using var get = await client.GetAsync($"/api/connections/{bob}");
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var aliceSees = (await ReadArrayAsync(await MemberA.GetAsync("/api/connections?limit=500"))).Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.That(aliceSees, Does.Contain(alice).And.Not.Contain(bob));
    }

    [Test]
    public async Task Owner_WhenManagingMembersConnection_ShouldSucceed()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Managed")));

        using var rename = await Owner.PutAsync($"/api/connections/{id}", Json(new { name = UniqueName("Renamed by owner") }));
        using var delete = await Application.DeleteAsync($"/api/connections/{id}");

        Assert.That(rename.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }
}
