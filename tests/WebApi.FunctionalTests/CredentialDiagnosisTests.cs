using System.Net;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Every platform answer maps onto one of the six codes, on create (a problem, nothing saved) and on validate.</summary>
public sealed class CredentialDiagnosisTests : FunctionalTest
{
    private static readonly string[] SlackRequired = ["channels:history", "channels:read", "users:read"];
    private static readonly string[] DiscordRequired = ["guild.messages", "guild.channels", "guild.members"];

    [TestCase(FakeTokens.Slack.Invalid, 422, "INVALID_CREDENTIALS")]
    [TestCase(FakeTokens.Slack.WrongTokenType, 422, "INVALID_CREDENTIALS")]
    [TestCase(FakeTokens.Slack.Revoked, 422, "AUTH_EXPIRED")]
    [TestCase(FakeTokens.Slack.Expired, 422, "AUTH_EXPIRED")]
    [TestCase(FakeTokens.Slack.Inactive, 422, "AUTH_EXPIRED")]
    [TestCase(FakeTokens.Slack.MissingScope, 422, "INSUFFICIENT_PERMISSIONS")]
    [TestCase(FakeTokens.Slack.ListMissingScope, 422, "INSUFFICIENT_PERMISSIONS")]
    [TestCase(FakeTokens.Slack.RateLimited, 503, "RATE_LIMITED")]
    [TestCase(FakeTokens.Slack.ServerError, 502, "PLATFORM_ERROR")]
    [TestCase(FakeTokens.Slack.InternalError, 502, "PLATFORM_ERROR")]
    [TestCase(FakeTokens.Slack.FatalError, 502, "PLATFORM_ERROR")]
    [TestCase(FakeTokens.Slack.Garbage, 502, "PLATFORM_ERROR")]
    [TestCase(FakeTokens.Slack.Slow, 502, "NETWORK_ERROR")]
    public async Task CreateSlack_WhenPlatformRejects_ShouldAnswerProblemWithCodeAndSaveNothing(string token, int status, string code)
    {
        var name = UniqueName("Rejected");
        using var response = await MemberA.PostAsync("/api/connections", Json(SlackBody(name, token)));

        var problem = await AssertProblemAsync(response, status, code);
        if (code == "INSUFFICIENT_PERMISSIONS")
        {
            Assert.That(problem["required_scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EquivalentTo(SlackRequired));
            Assert.That(problem["missing_scopes"]!.AsArray(), Is.Not.Empty);
        }

        if (code == "RATE_LIMITED")
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(120)));
        }

        var all = await ReadArrayAsync(await Owner.GetAsync("/api/connections?limit=500"));
        Assert.That(all.Select(c => c!["name"]!.GetValue<string>()), Does.Not.Contain(name));
    }

    [Test]
    public async Task CreateSlack_WhenScopesMissing_ShouldNameTheMissingOnes()
    {
        using var response = await MemberA.PostAsync("/api/connections", Json(SlackBody(UniqueName("Scopes"), FakeTokens.Slack.MissingScope)));

        var problem = await AssertProblemAsync(response, 422, "INSUFFICIENT_PERMISSIONS");
        Assert.That(problem["missing_scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EquivalentTo(new[] { "channels:history", "users:read" }));
    }

    [TestCase(FakeTokens.Slack.RateLimitedOnce)]
    [TestCase(FakeTokens.Slack.ServerErrorOnce)]
    public async Task CreateSlack_WhenPlatformFailsOnceThenRecovers_ShouldRetryAndSucceed(string prefix)
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Retry"), prefix);

        using var response = await MemberA.PostAsync("/api/connections", Json(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(Fake.CountRequests(token, "auth.test"), Is.EqualTo(2), "one failure, one retry");
    }

    [TestCase(FakeTokens.Discord.Invalid, FakeTokens.Discord.GuildId, 422, "INVALID_CREDENTIALS")]
    [TestCase(FakeTokens.Discord.Valid, FakeTokens.Discord.UnknownGuildId, 422, "INSUFFICIENT_PERMISSIONS")]
    [TestCase(FakeTokens.Discord.Valid, FakeTokens.Discord.MissingAccessGuildId, 422, "INSUFFICIENT_PERMISSIONS")]
    [TestCase(FakeTokens.Discord.Valid, FakeTokens.Discord.NoHistoryGuildId, 422, "INSUFFICIENT_PERMISSIONS")]
    [TestCase(FakeTokens.Discord.NoMessageContent, FakeTokens.Discord.GuildId, 422, "INSUFFICIENT_PERMISSIONS")]
    [TestCase(FakeTokens.Discord.RateLimited, FakeTokens.Discord.GuildId, 503, "RATE_LIMITED")]
    [TestCase(FakeTokens.Discord.ServerError, FakeTokens.Discord.GuildId, 502, "PLATFORM_ERROR")]
    [TestCase(FakeTokens.Discord.Slow, FakeTokens.Discord.GuildId, 502, "NETWORK_ERROR")]
    public async Task CreateDiscord_WhenPlatformRejects_ShouldAnswerProblemWithCode(string token, string guild, int status, string code)
    {
        using var response = await MemberA.PostAsync("/api/connections", Json(DiscordBody(UniqueName("Rejected"), token, guild)));

        var problem = await AssertProblemAsync(response, status, code);
        if (code == "INSUFFICIENT_PERMISSIONS")
        {
            Assert.That(problem["required_scopes"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EquivalentTo(DiscordRequired));
        }
    }

    [Test]
    public async Task CreateDiscord_WhenRateLimitedOnce_ShouldHonorRetryAfterAndSucceed()
    {
        using var response = await MemberA.PostAsync("/api/connections", Json(DiscordBody(UniqueName("Retry"), FakeTokens.Discord.RateLimitedOnce)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Validate_WhenCredentialsStillGood_ShouldAnswerValidWithTimestamp()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Good")));

        using var response = await MemberA.PostAsync($"/api/connections/{id}/validate", null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await ReadObjectAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "valid", "connection" }));
            Assert.That(body["valid"]!.GetValue<bool>(), Is.True);
            Assert.That(body["connection"]!["id"]!.GetValue<string>(), Is.EqualTo(id));
            Assert.That(body["connection"]!["status"]!.GetValue<string>(), Is.EqualTo("connected"));
            Assert.That(body["connection"]!["validated_at"], Is.Not.Null);
        });
    }

    [Test]
    public async Task Validate_WhenSlackTokenRevokedAfterCreate_ShouldReportAuthExpiredAndSetError()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Revoked later"));
        var id = await CreateAsync(MemberA, body);
        Fake.RevokeSlackToken(token);

        var outcome = await ReadObjectAsync(await MemberA.PostAsync($"/api/connections/{id}/validate", null));
        var detail = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Select(p => p.Key), Is.EquivalentTo(new[] { "valid", "error" }));
            Assert.That(outcome["valid"]!.GetValue<bool>(), Is.False);
            Assert.That(outcome["error"]!["code"]!.GetValue<string>(), Is.EqualTo("AUTH_EXPIRED"));
            Assert.That(outcome["error"]!["message"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(detail["status"]!.GetValue<string>(), Is.EqualTo("error"));
        });
    }

    [Test]
    public async Task Validate_WhenDiscordTokenRevokedAfterCreate_ShouldReportAuthExpiredNotInvalid()
    {
        var (body, token) = DiscordBodyWithToken(UniqueName("Discord revoked"));
        var id = await CreateAsync(MemberA, body);
        Fake.RevokeDiscordToken(token);

        var outcome = await ReadObjectAsync(await MemberA.PostAsync($"/api/connections/{id}/validate", null));

        Assert.That(outcome["error"]!["code"]!.GetValue<string>(), Is.EqualTo("AUTH_EXPIRED"));
        Assert.That((await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}")))["status"]!.GetValue<string>(), Is.EqualTo("error"));
    }

    [Test]
    public async Task Rotate_WhenNewTokenRejected_ShouldAnswer422AndKeepOldCredentials()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Rotate")));

        using var rotate = await MemberA.PutAsync($"/api/connections/{id}", Json(new { credentials = new { bot_token = Secrets.Token(FakeTokens.Slack.Revoked) } }));
        var outcome = await ReadObjectAsync(await MemberA.PostAsync($"/api/connections/{id}/validate", null));

        await AssertProblemAsync(rotate, 422, "AUTH_EXPIRED");
        Assert.That(outcome["valid"]!.GetValue<bool>(), Is.True, "the old, good token is still the one stored");
    }

    [Test]
    public async Task Rotate_WhenNewTokenGood_ShouldReplaceAndRecoverFromError()
    {
        var (body, token) = SlackBodyWithToken(UniqueName("Recover"));
        var id = await CreateAsync(MemberA, body);
        Fake.RevokeSlackToken(token);
        await MemberA.PostAsync($"/api/connections/{id}/validate", null);

        using var rotate = await MemberA.PutAsync($"/api/connections/{id}", Json(new { credentials = new { bot_token = Secrets.Token(FakeTokens.Slack.Valid) } }));

        Assert.That(rotate.StatusCode, Is.EqualTo(HttpStatusCode.OK), await rotate.Content.ReadAsStringAsync());
        Assert.That((await ReadObjectAsync(rotate))["status"]!.GetValue<string>(), Is.EqualTo("connected"));
        Assert.That((await ReadObjectAsync(await MemberA.PostAsync($"/api/connections/{id}/validate", null)))["valid"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Rotate_WhenTheNewSlackTokenIsForAnotherWorkspace_ShouldAnswer409AndKeepEverything()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Mismatch")));
        using var select = await MemberA.PutAsync($"/api/connections/{id}/channels", Json(new { channel_ids = new[] { FakeTokens.Slack.GeneralChannelId }, sync_all = false }));
        var before = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));
        var channelsBefore = (await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/channels"))).ToJsonString();

        using var rotate = await MemberA.PutAsync($"/api/connections/{id}", Json(new { name = "Renamed meanwhile", credentials = new { bot_token = Secrets.Token(FakeTokens.Slack.OtherTeam) } }));

        var problem = await AssertProblemAsync(rotate, 409, "WORKSPACE_MISMATCH");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain(FakeTokens.Slack.OtherTeamId).And.Contain(FakeTokens.Slack.TeamId));
        Assert.That((await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"))).ToJsonString(), Is.EqualTo(before.ToJsonString()), "nothing is written, not even the name");
        Assert.That((await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/channels"))).ToJsonString(), Is.EqualTo(channelsBefore));
        Assert.That((await ReadObjectAsync(await MemberA.PostAsync($"/api/connections/{id}/validate", null)))["valid"]!.GetValue<bool>(), Is.True, "the old token is still the one stored");
    }

    [Test]
    public async Task Rotate_WhenTheNewDiscordGuildIsAnother_ShouldAnswer409()
    {
        var id = await CreateAsync(MemberA, DiscordBody(UniqueName("Guild")));

        using var rotate = await MemberA.PutAsync($"/api/connections/{id}", Json(new { credentials = new { guild_id = FakeTokens.Discord.ManyChannelsGuildId } }));

        await AssertProblemAsync(rotate, 409, "WORKSPACE_MISMATCH");
        Assert.That((await ReadArrayAsync(await MemberA.GetAsync($"/api/connections/{id}/channels"))).Select(c => c!["id"]!.GetValue<string>()),
            Does.Contain(FakeTokens.Discord.GeneralChannelId), "the catalog is still the first guild's");
    }

    [Test]
    public async Task Rotate_WhenPlatformFails_ShouldAnswer502AndKeepStatus()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Transient")));
        using var rotate = await MemberA.PutAsync($"/api/connections/{id}", Json(new { credentials = new { bot_token = Secrets.Token(FakeTokens.Slack.ServerError) } }));
        var detail = await ReadObjectAsync(await MemberA.GetAsync($"/api/connections/{id}"));

        await AssertProblemAsync(rotate, 502, "PLATFORM_ERROR");
        Assert.That(detail["status"]!.GetValue<string>(), Is.EqualTo("connected"));
    }

    [Test]
    public async Task Validate_WhenUnknownConnection_ShouldAnswer404()
    {
        using var response = await MemberA.PostAsync("/api/connections/conn_01ARZ3NDEKTSV4RRFFQ69G5FAV/validate", null);

        await AssertProblemAsync(response, 404, "CONNECTION_NOT_FOUND");
    }
}
