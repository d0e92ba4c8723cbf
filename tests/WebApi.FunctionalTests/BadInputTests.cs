using System.Net;
using System.Text;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>Every bad input gets a clear 4xx problem and nothing is written.</summary>
public sealed class BadInputTests : FunctionalTest
{
    private static IEnumerable<TestCaseData> InvalidCreates()
    {
        var secret = "0123456789abcdef0123456789abcdef";
        yield return new TestCaseData("""{"platform":"teams","name":"x","credentials":{"bot_token":"xoxb-fake-valid"}}""", "platform").SetName("platform unknown");
        yield return new TestCaseData("""{"name":"x","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"SECRET"}}""".Replace("SECRET", secret, StringComparison.Ordinal), "platform").SetName("platform missing");
        yield return new TestCaseData("""{"platform":"slack","name":"   ","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"SECRET"}}""".Replace("SECRET", secret, StringComparison.Ordinal), "name").SetName("name blank");
        yield return new TestCaseData($$$"""{"platform":"slack","name":"{{{new string('n', 101)}}}","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}"}}""", "name").SetName("name too long");
        yield return new TestCaseData($$$"""{"platform":"slack","name":"evil\u202Ename","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}"}}""", "name").SetName("name bidi override");
        yield return new TestCaseData($$$"""{"platform":"slack","name":"tab\there","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}"}}""", "name").SetName("name control char");
        yield return new TestCaseData("""{"platform":"slack","name":"x"}""", "credentials").SetName("credentials missing");
        yield return new TestCaseData($$$"""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxp-user-token","signing_secret":"{{{secret}}}"}}""", "credentials.bot_token").SetName("slack user token");
        yield return new TestCaseData($$$"""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxb-{{{new string('a', 300)}}}","signing_secret":"{{{secret}}}"}}""", "credentials.bot_token").SetName("slack token too long");
        yield return new TestCaseData("""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxb-fake-valid"}}""", "credentials.signing_secret").SetName("signing secret missing");
        yield return new TestCaseData($$$"""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}","guild_id":"1100000000000000001"}}""", "credentials.guild_id").SetName("guild id on slack");
        yield return new TestCaseData("""{"platform":"discord","name":"x","credentials":{"bot_token":"MTEwMDAwMDAwMDAwMDAwMDEwMA.fake.valid","guild_id":"123"}}""", "credentials.guild_id").SetName("guild id not a snowflake");
        yield return new TestCaseData("""{"platform":"discord","name":"x","credentials":{"bot_token":"no-dots-here-at-all-really","guild_id":"1100000000000000001"}}""", "credentials.bot_token").SetName("discord token shape");
        yield return new TestCaseData($$$"""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}"},"settings":{"sync_interval_minutes":4}}""", "settings.sync_interval_minutes").SetName("interval too small");
        yield return new TestCaseData($$$"""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}"},"settings":{"sync_interval_minutes":10081}}""", "settings.sync_interval_minutes").SetName("interval too large");
    }

    [TestCaseSource(nameof(InvalidCreates))]
    public async Task Create_WhenFieldInvalid_ShouldAnswer400KeyedByJsonPathAndCallNoPlatform(string json, string field)
    {
        var requestsBefore = Fake.Requests.Count;
        var connectionsBefore = (await ReadArrayAsync(await MemberA.GetAsync("/api/connections?limit=500"))).Count;

        using var response = await MemberA.PostAsync("/api/connections", RawJson(json));

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field), problem.ToJsonString());
        Assert.That(Fake.Requests.Count, Is.EqualTo(requestsBefore), "nothing is sent to a platform");
        Assert.That((await ReadArrayAsync(await MemberA.GetAsync("/api/connections?limit=500"))).Count, Is.EqualTo(connectionsBefore));
    }

    [Test]
    public async Task Create_WhenUnknownProperty_ShouldAnswer400NamingIt()
    {
        using var response = await MemberA.PostAsync("/api/connections", RawJson("""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"0123456789abcdef0123456789abcdef","team":"T1"}}"""));

        var problem = await AssertProblemAsync(response, 400, "UNKNOWN_PROPERTY");
        Assert.That(problem.ToJsonString(), Does.Contain("team").And.Not.Contain("Connections.Application"));
    }

    [Test]
    public async Task Create_WhenSecretInvalid_ShouldNotEchoIt()
    {
        var secret = Secrets.Plant("not-a-valid-secret-" + Guid.NewGuid().ToString("N"));

        using var response = await MemberA.PostAsync("/api/connections", Json(new { platform = "slack", name = "x", credentials = new { bot_token = "xoxb-fake-valid", signing_secret = secret } }));

        await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
    }

    private static IEnumerable<TestCaseData> AmbiguousBodies()
    {
        const string secret = "0123456789abcdef0123456789abcdef";
        yield return new TestCaseData("/api/connections", $$$"""{"platform":"discord","platform":"slack","name":"x","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}"}}""", "platform").SetName("duplicate platform");
        yield return new TestCaseData("/api/connections", $$$"""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxb-fake-valid","bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}"}}""", "credentials.bot_token").SetName("duplicate nested token");
        yield return new TestCaseData("/api/connections", $$$"""{"platform":"slack","name":"x","credentials":{"bot_token":"xoxb-fake-valid","signing_secret":"{{{secret}}}"},"settings":{"sync_interval_minutes":"60"}}""", "settings.sync_interval_minutes").SetName("number as string");
        yield return new TestCaseData("/sfp/api/slack/workspace", $$$"""{"team_id":"T0FAKE001","team_id":"T0OTHER01","team_name":"x","bot_token":"xoxb-fake-valid","app_token":"xapp-fake-valid","signing_secret":"{{{secret}}}"}""", "team_id").SetName("duplicate team id");
    }

    [TestCaseSource(nameof(AmbiguousBodies))]
    public async Task Post_WhenBodyIsAmbiguousOrLoose_ShouldAnswer400NamingTheFieldAndWriteNothing(string path, string json, string field)
    {
        var requestsBefore = Fake.Requests.Count;
        var connectionsBefore = (await ReadArrayAsync(await Owner.GetAsync("/api/connections?limit=500"))).Count;

        using var response = await Owner.PostAsync(path, RawJson(json));

        var problem = await AssertProblemAsync(response, 400, "MALFORMED_JSON");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field), problem.ToJsonString());
        Assert.That(Fake.Requests.Count, Is.EqualTo(requestsBefore), "nothing is sent to a platform");
        Assert.That((await ReadArrayAsync(await Owner.GetAsync("/api/connections?limit=500"))).Count, Is.EqualTo(connectionsBefore));
    }

    [TestCase("{\"platform\": \"slack\", ")]
    [TestCase("not json")]
    [TestCase("[1,2,3]")]
    [TestCase("{\"platform\": 42}")]
    public async Task Create_WhenJsonMalformed_ShouldAnswer400(string json)
    {
        using var response = await MemberA.PostAsync("/api/connections", RawJson(json));

        await AssertProblemAsync(response, 400, "MALFORMED_JSON");
    }

    [Test]
    public async Task Create_WhenBodyEmpty_ShouldAnswer400()
    {
        using var response = await MemberA.PostAsync("/api/connections", RawJson(string.Empty));

        var problem = await AssertProblemAsync(response, 400, "MALFORMED_JSON");
        Assert.That(problem["errors"]!["body"], Is.Not.Null);
    }

    [Test]
    public async Task Create_WhenNotJson_ShouldAnswer415()
    {
        using var response = await MemberA.PostAsync("/api/connections", new StringContent("platform=slack", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await AssertProblemAsync(response, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Test]
    public async Task Create_WhenBodyOver64KB_ShouldAnswer413()
    {
        var json = $$$"""{"platform":"slack","name":"{{{new string('x', 70_000)}}}"}""";

        using var response = await MemberA.PostAsync("/api/connections", RawJson(json));

        await AssertProblemAsync(response, 413, "PAYLOAD_TOO_LARGE");
    }

    [Test]
    public async Task UnknownRoute_ShouldAnswer404Problem()
    {
        using var response = await MemberA.GetAsync("/api/nothing-here");

        await AssertProblemAsync(response, 404, "NOT_FOUND");
    }

    [Test]
    public async Task WrongVerb_ShouldAnswer405Problem()
    {
        using var response = await MemberA.PatchAsync("/api/connections", Json(new { }));

        await AssertProblemAsync(response, 405, "METHOD_NOT_ALLOWED");
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=501", "limit")]
    [TestCase("limit=abc", "limit")]
    [TestCase("platform=teams", "platform")]
    [TestCase("status=sleeping", "status")]
    public async Task List_WhenQueryInvalid_ShouldAnswer400(string query, string field)
    {
        using var response = await MemberA.GetAsync("/api/connections?" + query);

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field));
    }

    [Test]
    public async Task Update_WhenEmptyBody_ShouldAnswer400AndChangeNothing()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Unchanged")));

        using var response = await MemberA.PutAsync($"/api/connections/{id}", Json(new { }));

        await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
    }

    [Test]
    public async Task Update_WhenCredentialsOfWrongPlatform_ShouldAnswer400KeepingOld()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Wrong creds")));

        using var response = await MemberA.PutAsync($"/api/connections/{id}", Json(new { credentials = new { guild_id = FakeTokens.Discord.GuildId } }));

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!["credentials.guild_id"], Is.Not.Null);
        Assert.That((await ReadObjectAsync(await MemberA.PostAsync($"/api/connections/{id}/validate", null)))["valid"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Update_WhenIdInBody_ShouldAnswer400()
    {
        var id = await CreateAsync(MemberA, SlackBody(UniqueName("Id body")));

        using var response = await MemberA.PutAsync($"/api/connections/{id}", Json(new { id = "conn_other", name = "n" }));

        await AssertProblemAsync(response, 400, "UNKNOWN_PROPERTY");
    }
}
