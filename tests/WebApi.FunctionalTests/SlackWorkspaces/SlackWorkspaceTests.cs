using System.Net;
using System.Text.Json.Nodes;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.WebApi.FunctionalTests.SlackWorkspaces;

/// <summary>The Slack app configuration over HTTP against the fake Slack: create/replace, read, update, delete, test, list, audit.</summary>
public sealed class SlackWorkspaceTests : SlackWorkspaceTest
{
    [Test]
    public async Task Post_WhenTeamIsNew_ShouldAnswer201AndMakeItTheActiveConfiguration()
    {
        await ClearAsync();

        using var response = await Owner.PostAsync(WorkspaceUrl, Json(ConfigBody()));
        var body = await ReadObjectAsync(response);
        var (workspace, etag) = await GetActiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Does.EndWith(WorkspaceUrl));
            Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "success", "workspace" }));
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(body["workspace"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "team_id", "team_name" }));
            Assert.That(Guid.TryParse(body["workspace"]!["id"]!.GetValue<string>(), out _), Is.True, "id is a uuid");
            Assert.That(body["workspace"]!["team_id"]!.GetValue<string>(), Is.EqualTo(S.TeamId));
            Assert.That(body["workspace"]!["team_name"]!.GetValue<string>(), Is.EqualTo(S.TeamName));

            Assert.That(workspace.Select(p => p.Key), Is.EquivalentTo(WorkspaceFields));
            Assert.That(workspace["id"]!.GetValue<string>(), Is.EqualTo(body["workspace"]!["id"]!.GetValue<string>()));
            Assert.That(workspace["team_id"]!.GetValue<string>(), Is.EqualTo(S.TeamId));
            Assert.That(workspace["app_id"]!.GetValue<string>(), Is.EqualTo(S.AppId), "filled from auth.test");
            Assert.That(workspace["bot_user_id"]!.GetValue<string>(), Is.EqualTo(S.BotUserId), "filled from auth.test");
            Assert.That(workspace["app_name"], Is.Null);
            Assert.That(workspace["is_active"]!.GetValue<bool>(), Is.True);
            Assert.That(workspace["created_by"]!.GetValue<string>(), Is.EqualTo(OwnerEmail));
            Assert.That(workspace["has_bot_token"]!.GetValue<bool>(), Is.True);
            Assert.That(workspace["has_app_token"]!.GetValue<bool>(), Is.True);
            Assert.That(workspace["has_signing_secret"]!.GetValue<bool>(), Is.True);
            Assert.That(workspace["created_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(etag, Does.Match("^\"[0-9a-f]{32}\"$"), "a quoted strong ETag");
        });
    }

    [Test]
    public async Task Post_WhenTeamAlreadyConfigured_ShouldAnswer200AndReplaceItInPlace()
    {
        var first = await ConfigureAsync(ConfigBody());
        var body = ConfigBody(teamName: "Renamed by replace");
        body["app_id"] = "A0CUSTOM1";
        body["app_name"] = "Connections";
        body["bot_user_id"] = "U0CUSTOM1";

        using var response = await Owner.PostAsync(WorkspaceUrl, Json(body));
        var answer = await ReadObjectAsync(response);
        var (workspace, _) = await GetActiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer["success"]!.GetValue<bool>(), Is.True);
            Assert.That(answer["workspace"]!["id"]!.GetValue<string>(), Is.EqualTo(first["workspace"]!["id"]!.GetValue<string>()));
            Assert.That(answer["workspace"]!["team_name"]!.GetValue<string>(), Is.EqualTo("Renamed by replace"));
            Assert.That(workspace["team_name"]!.GetValue<string>(), Is.EqualTo("Renamed by replace"));
            Assert.That(workspace["app_id"]!.GetValue<string>(), Is.EqualTo("A0CUSTOM1"), "what the owner sent wins");
            Assert.That(workspace["app_name"]!.GetValue<string>(), Is.EqualTo("Connections"));
            Assert.That(workspace["bot_user_id"]!.GetValue<string>(), Is.EqualTo("U0CUSTOM1"));
        });
    }

    [Test]
    public async Task Post_WhenAnotherTeamIsSaved_ShouldDeactivateTheFormerActiveOne()
    {
        await ClearAsync();
        await ConfigureAsync(ConfigBody());

        using var other = await Owner.PostAsync(WorkspaceUrl, Json(OtherTeamBody()));
        var afterOther = await ReadArrayAsync(await Owner.GetAsync($"{WorkspacesUrl}?active_only=false"));
        var activeOnly = await ReadArrayAsync(await Owner.GetAsync($"{WorkspacesUrl}?active_only=true"));
        var (active, _) = await GetActiveAsync();
        await ConfigureAsync(ConfigBody());
        var (backAgain, _) = await GetActiveAsync();

        Assert.Multiple(() =>
        {
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(afterOther.Select(w => (w!["team_id"]!.GetValue<string>(), w["is_active"]!.GetValue<bool>())),
                Is.EquivalentTo(new[] { (S.TeamId, false), (S.OtherTeamId, true) }));
            Assert.That(afterOther.All(w => w!.AsObject().Select(p => p.Key).OrderBy(k => k).SequenceEqual(WorkspaceFields.OrderBy(k => k))), Is.True);
            Assert.That(activeOnly.Select(w => w!["team_id"]!.GetValue<string>()), Is.EqualTo(new[] { S.OtherTeamId }));
            Assert.That(active["team_id"]!.GetValue<string>(), Is.EqualTo(S.OtherTeamId));
            Assert.That(backAgain["team_id"]!.GetValue<string>(), Is.EqualTo(S.TeamId), "re-saving a team makes it active again");
        });
    }

    [Test]
    public async Task Post_WhenBotTokenActsInAnotherTeam_ShouldAnswer400AndSaveNothing()
    {
        await ClearAsync();

        using var response = await Owner.PostAsync(WorkspaceUrl, Json(ConfigBody(botTokenPrefix: S.OtherTeam)));

        var problem = await AssertProblemAsync(response, 400, "SLACK_TEAM_MISMATCH");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("another Slack workspace").And.Contain(S.OtherTeamId));
        Assert.That(problem["errors"]!["bot_token"], Is.Not.Null);
        await AssertProblemAsync(await Owner.GetAsync(WorkspaceUrl), 404, "WORKSPACE_NOT_CONFIGURED");
    }

    [TestCase(S.Invalid, S.AppValid, "INVALID_CREDENTIALS", "bot_token")]
    [TestCase(S.Revoked, S.AppValid, "AUTH_EXPIRED", "bot_token")]
    [TestCase(S.Valid, S.AppInvalid, "INVALID_CREDENTIALS", "app_token")]
    public async Task Post_WhenSlackRejectsAToken_ShouldAnswer400WithThePlatformCodeAndSaveNothing(string bot, string app, string code, string field)
    {
        await ClearAsync();

        using var response = await Owner.PostAsync(WorkspaceUrl, Json(ConfigBody(botTokenPrefix: bot, appTokenPrefix: app)));

        var problem = await AssertProblemAsync(response, 400, code);
        Assert.That(problem["errors"]![field]![0]!.GetValue<string>(), Is.EqualTo(problem["detail"]!.GetValue<string>()), "the rejected token is named as the field at fault");
        await AssertProblemAsync(await Owner.GetAsync(WorkspaceUrl), 404, "WORKSPACE_NOT_CONFIGURED");
    }

    [Test]
    public async Task Post_ShouldCheckTheAppTokenWithSocketMode()
    {
        var body = ConfigBody();

        await ConfigureAsync(body);

        Assert.That(Fake.CountRequests((string)body["app_token"]!, "apps.connections.open"), Is.EqualTo(1));
        Assert.That(Fake.CountRequests((string)body["bot_token"]!, "auth.test"), Is.EqualTo(1));
    }

    [Test]
    public async Task Post_WhenSlackIsDown_ShouldAnswer502AndSaveNothing()
    {
        await ClearAsync();

        using var response = await Owner.PostAsync(WorkspaceUrl, Json(ConfigBody(botTokenPrefix: S.ServerError)));

        await AssertProblemAsync(response, 502, "PLATFORM_ERROR");
        await AssertProblemAsync(await Owner.GetAsync(WorkspaceUrl), 404, "WORKSPACE_NOT_CONFIGURED");
    }

    public static IEnumerable<TestCaseData> PatternViolations()
    {
        yield return new TestCaseData("team_id", "X0FAKE001").SetName("Post_WhenTeamIdDoesNotStartWithT_ShouldAnswer400");
        yield return new TestCaseData("team_id", "t0fake001").SetName("Post_WhenTeamIdIsLowerCase_ShouldAnswer400");
        yield return new TestCaseData("team_id", "T0-FAKE").SetName("Post_WhenTeamIdHasPunctuation_ShouldAnswer400");
        yield return new TestCaseData("team_id", "").SetName("Post_WhenTeamIdIsEmpty_ShouldAnswer400");
        yield return new TestCaseData("team_name", "   ").SetName("Post_WhenTeamNameIsBlank_ShouldAnswer400");
        yield return new TestCaseData("team_name", new string('n', 256)).SetName("Post_WhenTeamNameIsTooLong_ShouldAnswer400");
        yield return new TestCaseData("team_name", "a\u0000b").SetName("Post_WhenTeamNameHasANul_ShouldAnswer400");
        yield return new TestCaseData("team_name", "abc\u202Eexe.txt").SetName("Post_WhenTeamNameHasABidiOverride_ShouldAnswer400");
        yield return new TestCaseData("team_name", "Acme\nINFO forged log line").SetName("Post_WhenTeamNameHasANewline_ShouldAnswer400");
        yield return new TestCaseData("bot_token", "xoxp-user-token-").SetName("Post_WhenBotTokenIsNotXoxb_ShouldAnswer400");
        yield return new TestCaseData("bot_token", "xapp-fake-valid-").SetName("Post_WhenBotTokenIsAnAppToken_ShouldAnswer400");
        yield return new TestCaseData("app_token", "xoxb-fake-valid-").SetName("Post_WhenAppTokenIsABotToken_ShouldAnswer400");
        yield return new TestCaseData("app_token", "app-token-").SetName("Post_WhenAppTokenIsNotXapp_ShouldAnswer400");
        yield return new TestCaseData("signing_secret", "short").SetName("Post_WhenSigningSecretIsTooShort_ShouldAnswer400");
        yield return new TestCaseData("signing_secret", "not a secret with spaces!").SetName("Post_WhenSigningSecretHasSymbols_ShouldAnswer400");
        yield return new TestCaseData("app_id", "B0FAKEAPP").SetName("Post_WhenAppIdDoesNotStartWithA_ShouldAnswer400");
        yield return new TestCaseData("bot_user_id", "B0FAKEBOT").SetName("Post_WhenBotUserIdIsNotAUserId_ShouldAnswer400");
    }

    [TestCaseSource(nameof(PatternViolations))]
    public async Task Post_WhenAFieldBreaksItsPattern_ShouldAnswer400NamingTheFieldWithoutEchoingIt(string field, string value)
    {
        await ClearAsync();
        var body = ConfigBody();
        // Secret fields get a unique canary suffix, so the audit proves the rejected value is never echoed.
        body[field] = field is "bot_token" or "app_token" or "signing_secret"
            ? Secrets.Plant(value + Guid.NewGuid().ToString("N")[..6])
            : value;

        using var response = await Owner.PostAsync(WorkspaceUrl, Json(body));

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { field }));
        await AssertProblemAsync(await Owner.GetAsync(WorkspaceUrl), 404, "WORKSPACE_NOT_CONFIGURED");
    }

    [Test]
    public async Task Post_WhenBodyIsEmpty_ShouldNameEveryRequiredField()
    {
        using var response = await Owner.PostAsync(WorkspaceUrl, RawJson("{}"));

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!.AsObject().Select(p => p.Key),
            Is.EquivalentTo(new[] { "team_id", "team_name", "bot_token", "app_token", "signing_secret" }));
    }

    [Test]
    public async Task Patch_ShouldRenameAndRotateEverySecretAfterCheckingTheNewTokens()
    {
        await ConfigureAsync(ConfigBody());
        var (before, etag) = await GetActiveAsync();
        var bot = Secrets.Token(S.Valid);
        var app = Secrets.Token(S.AppValid);

        using var response = await Owner.SendAsync(Patch(new { team_name = "Patched", bot_token = bot, app_token = app, signing_secret = Secrets.SigningSecret() }, etag));
        var body = await ReadObjectAsync(response);
        var (after, newETag) = await GetActiveAsync();
        var test = await ReadObjectAsync(await Owner.GetAsync(TestUrl));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.ETag?.ToString(), Is.EqualTo(newETag));
            Assert.That(body.Select(p => p.Key), Is.EquivalentTo(new[] { "success", "workspace" }));
            Assert.That(body["workspace"]!["id"]!.GetValue<string>(), Is.EqualTo(before["id"]!.GetValue<string>()));
            Assert.That(body["workspace"]!["team_name"]!.GetValue<string>(), Is.EqualTo("Patched"));
            Assert.That(after["team_name"]!.GetValue<string>(), Is.EqualTo("Patched"));
            Assert.That(newETag, Is.Not.EqualTo(etag));
            Assert.That(test["success"]!.GetValue<bool>(), Is.True);
            Assert.That(Fake.CountRequests(bot, "auth.test"), Is.EqualTo(2), "checked on PATCH, then used by the test");
            Assert.That(Fake.CountRequests(app, "apps.connections.open"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Patch_WhenNewBotTokenWasRevoked_ShouldAnswer400AuthExpiredAndChangeNothing()
    {
        await ConfigureAsync(ConfigBody());
        var (before, etag) = await GetActiveAsync();
        var revoked = Secrets.Token(S.Valid);
        Fake.RevokeSlackToken(revoked);

        using var response = await Owner.SendAsync(Patch(new { team_name = "Must not stick", bot_token = revoked }));
        var (after, etagAfter) = await GetActiveAsync();
        var test = await ReadObjectAsync(await Owner.GetAsync(TestUrl));

        await AssertProblemAsync(response, 400, "AUTH_EXPIRED");
        Assert.Multiple(() =>
        {
            Assert.That(after["team_name"]!.GetValue<string>(), Is.EqualTo(before["team_name"]!.GetValue<string>()));
            Assert.That(etagAfter, Is.EqualTo(etag));
            Assert.That(test["success"]!.GetValue<bool>(), Is.True, "the old token is still the one in use");
        });
    }

    [Test]
    public async Task Patch_WhenBotTokenActsInAnotherTeam_ShouldAnswer400TeamMismatch()
    {
        await ConfigureAsync(ConfigBody());

        using var response = await Owner.SendAsync(Patch(new { bot_token = Secrets.Token(S.OtherTeam) }));

        await AssertProblemAsync(response, 400, "SLACK_TEAM_MISMATCH");
    }

    [Test]
    public async Task Patch_WhenIfMatchIsStale_ShouldAnswer412AndChangeNothing()
    {
        await ConfigureAsync(ConfigBody());
        var (_, stale) = await GetActiveAsync();
        using (var first = await Owner.SendAsync(Patch(new { team_name = "First writer" }, stale)))
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var second = await Owner.SendAsync(Patch(new { team_name = "Second writer", signing_secret = Secrets.SigningSecret() }, stale));
        using var weak = await Owner.SendAsync(Patch(new { team_name = "Weak" }, "W/" + (await GetActiveAsync()).ETag));
        var (after, _) = await GetActiveAsync();

        var problem = await AssertProblemAsync(second, 412, "PRECONDITION_FAILED");
        await AssertProblemAsync(weak, 412, "PRECONDITION_FAILED");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("If-Match"));
        Assert.That(after["team_name"]!.GetValue<string>(), Is.EqualTo("First writer"));
    }

    [Test]
    public async Task Patch_WhenIfMatchIsCurrentOrStar_ShouldApply()
    {
        await ConfigureAsync(ConfigBody());
        var (_, etag) = await GetActiveAsync();

        using var current = await Owner.SendAsync(Patch(new { team_name = "With ETag" }, etag));
        using var star = await Owner.SendAsync(Patch(new { team_name = "With star" }, "*"));

        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(star.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetActiveAsync()).Workspace["team_name"]!.GetValue<string>(), Is.EqualTo("With star"));
    }

    [TestCase("{\"bot_token\":\"xoxp-nope\"}", "bot_token")]
    [TestCase("{\"app_token\":\"xoxb-nope\"}", "app_token")]
    [TestCase("{\"signing_secret\":\"x\"}", "signing_secret")]
    [TestCase("{\"team_name\":\"\"}", "team_name")]
    [TestCase("{}", "body")]
    public async Task Patch_WhenBodyIsInvalid_ShouldAnswer400NamingTheField(string json, string field)
    {
        await ConfigureAsync(ConfigBody());

        using var request = new HttpRequestMessage(HttpMethod.Patch, WorkspaceUrl) { Content = RawJson(json) };
        using var response = await Owner.SendAsync(request);

        var problem = await AssertProblemAsync(response, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task WhenNothingIsConfigured_GetPatchDeleteAndTest_ShouldAnswer404()
    {
        await ClearAsync();

        using var get = await MemberA.GetAsync(WorkspaceUrl);
        using var patch = await Owner.SendAsync(Patch(new { team_name = "Nobody" }));
        using var delete = await Owner.DeleteAsync(WorkspaceUrl);
        using var test = await MemberA.GetAsync(TestUrl);
        var list = await ReadArrayAsync(await Owner.GetAsync(WorkspacesUrl));

        var problem = await AssertProblemAsync(get, 404, "WORKSPACE_NOT_CONFIGURED");
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("No workspace configured"));
        await AssertProblemAsync(patch, 404, "WORKSPACE_NOT_CONFIGURED");
        await AssertProblemAsync(delete, 404, "WORKSPACE_NOT_CONFIGURED");
        await AssertProblemAsync(test, 404, "WORKSPACE_NOT_CONFIGURED");
        Assert.That(list, Is.Empty);
    }

    [Test]
    public async Task Delete_WithoutTeamId_ShouldDeleteTheActiveConfiguration()
    {
        await ClearAsync();
        await ConfigureAsync(ConfigBody());

        using var response = await Owner.DeleteAsync(WorkspaceUrl);
        var body = await ReadObjectAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.ToJsonString(), Is.EqualTo("{\"success\":true,\"message\":\"Workspace configuration deleted\"}"));
        await AssertProblemAsync(await Owner.GetAsync(WorkspaceUrl), 404, "WORKSPACE_NOT_CONFIGURED");
        await AssertProblemAsync(await Owner.DeleteAsync(WorkspaceUrl), 404, "WORKSPACE_NOT_CONFIGURED");
    }

    [Test]
    public async Task Delete_WithTeamId_ShouldDeleteThatTeamOnly()
    {
        await ClearAsync();
        await ConfigureAsync(ConfigBody());
        await ConfigureAsync(OtherTeamBody());

        using var response = await Owner.DeleteAsync($"{WorkspaceUrl}?team_id={S.TeamId}");
        var remaining = await ReadArrayAsync(await Owner.GetAsync(WorkspacesUrl));
        using var unknown = await Owner.DeleteAsync($"{WorkspaceUrl}?team_id=T0NOTHERE");
        using var malformed = await Owner.DeleteAsync($"{WorkspaceUrl}?team_id=nope");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(remaining.Select(w => w!["team_id"]!.GetValue<string>()), Is.EqualTo(new[] { S.OtherTeamId }));
        Assert.That((await GetActiveAsync()).Workspace["team_id"]!.GetValue<string>(), Is.EqualTo(S.OtherTeamId));
        await AssertProblemAsync(unknown, 404, "WORKSPACE_NOT_CONFIGURED");
        var problem = await AssertProblemAsync(malformed, 400, "VALIDATION_FAILED");
        Assert.That(problem["errors"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "team_id" }));
    }

    [Test]
    public async Task Test_WhenConfigurationWorks_ShouldReportWorkspaceAndBot()
    {
        await ConfigureAsync(ConfigBody());

        using var response = await MemberA.GetAsync(TestUrl);
        var body = await ReadObjectAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.ToJsonString(), Is.EqualTo(
            "{\"success\":true,\"message\":\"Successfully connected to Slack workspace \\u0022Fake Workspace\\u0022\","
            + "\"details\":{\"workspace_name\":\"Fake Workspace\",\"bot_name\":\"connections-bot\",\"bot_id\":\"B0FAKEBOT\"}}"));
    }

    [Test]
    public async Task Test_WhenStoredBotTokenWasRevoked_ShouldAnswer200WithAuthExpired()
    {
        var body = ConfigBody();
        await ConfigureAsync(body);
        Fake.RevokeSlackToken((string)body["bot_token"]!);

        using var response = await Owner.GetAsync(TestUrl);
        var answer = await ReadObjectAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answer.Select(p => p.Key), Is.EquivalentTo(new[] { "success", "error", "code" }));
            Assert.That(answer["success"]!.GetValue<bool>(), Is.False);
            Assert.That(answer["code"]!.GetValue<string>(), Is.EqualTo("AUTH_EXPIRED"));
            Assert.That(answer["error"]!.GetValue<string>(), Does.Contain("no longer works"));
        });
    }

    [Test]
    public async Task Test_WhenStoredAppTokenWasRevoked_ShouldAnswer200WithAuthExpired()
    {
        var body = ConfigBody();
        await ConfigureAsync(body);
        Fake.RevokeSlackToken((string)body["app_token"]!);

        var answer = await ReadObjectAsync(await Owner.GetAsync(TestUrl));

        Assert.That(answer["success"]!.GetValue<bool>(), Is.False);
        Assert.That(answer["code"]!.GetValue<string>(), Is.EqualTo("AUTH_EXPIRED"));
        Assert.That(answer["error"]!.GetValue<string>(), Does.Contain("app-level token"));
    }

    [Test]
    public async Task Audit_ShouldRecordWhoDidWhatAndWhenWithoutValues()
    {
        await ClearAsync();
        await ConfigureAsync(ConfigBody());
        await ConfigureAsync(OtherTeamBody(), Application);
        using (await Owner.SendAsync(Patch(new { team_name = "Audited", signing_secret = Secrets.SigningSecret() }))) { }
        using (await Owner.DeleteAsync(WorkspaceUrl)) { }

        using var response = await Owner.GetAsync($"{AuditUrl}?limit=6");
        var text = await response.Content.ReadAsStringAsync();
        var entries = JsonNode.Parse(text)!.AsArray().Take(5).Select(e => e!.AsObject()).Reverse().ToList();
        var forOtherTeam = await ReadArrayAsync(await Application.GetAsync($"{AuditUrl}?team_id={S.OtherTeamId}"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            Assert.That(entries.Select(e => (e["action"]!.GetValue<string>(), e["team_id"]!.GetValue<string>(), e["actor"]!.GetValue<string>())),
                Is.EqualTo(new[]
                {
                    ("created", S.TeamId, OwnerEmail),
                    ("deactivated", S.TeamId, ApplicationEmail),
                    ("created", S.OtherTeamId, ApplicationEmail),
                    ("updated", S.OtherTeamId, OwnerEmail),
                    ("deleted", S.OtherTeamId, OwnerEmail),
                }));
            Assert.That(entries[1]["actor_role"]!.GetValue<string>(), Is.EqualTo("application"));
            Assert.That(entries[3]["changed_fields"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EqualTo(new[] { "team_name", "signing_secret" }));
            Assert.That(entries[0].Select(p => p.Key),
                Is.EquivalentTo(new[] { "id", "occurred_at", "action", "team_id", "workspace_id", "actor", "actor_role", "changed_fields" }));
            Assert.That(entries[0]["occurred_at"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));
            Assert.That(text, Does.Not.Contain("xoxb-").And.Not.Contain("xapp-"));
            Assert.That(forOtherTeam.All(e => e!["team_id"]!.GetValue<string>() == S.OtherTeamId), Is.True);
            Assert.That(forOtherTeam, Is.Not.Empty);
        });
    }

    [Test]
    public async Task Database_AfterConfigureRotateAndDelete_ShouldHoldNoPlainSecret()
    {
        await ConfigureAsync(ConfigBody());
        await ConfigureAsync(OtherTeamBody());
        using (await Owner.SendAsync(Patch(new { bot_token = Secrets.Token(S.OtherTeam), app_token = Secrets.Token(S.AppValid), signing_secret = Secrets.SigningSecret() }))) { }
        using (await Owner.DeleteAsync($"{WorkspaceUrl}?team_id={S.TeamId}")) { }

        var dump = await App.Database.DumpAsync();

        Assert.That(dump, Does.Contain(S.OtherTeamId), "the dump really contains the configuration");
        Assert.That(Secrets.FindIn([dump], "database"), Is.Empty);
    }
}
