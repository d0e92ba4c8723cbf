using System.Net;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests.SlackWorkspaces;

/// <summary>
/// Every role against every Slack workspace endpoint: members read and test, owners and applications do everything,
/// anonymous callers get 401. A refused write changes nothing.
/// </summary>
public sealed class SlackWorkspaceAccessTests : SlackWorkspaceTest
{
    private const string Ok = "ok";

    public enum Role
    {
        Member,
        Owner,
        Application,
        Anonymous,
    }

    public enum Endpoint
    {
        GetWorkspace,
        PostWorkspace,
        PatchWorkspace,
        DeleteWorkspace,
        Test,
        ListWorkspaces,
        Audit,
    }

    private static readonly Endpoint[] MemberMayUse = [Endpoint.GetWorkspace, Endpoint.Test];

    public static IEnumerable<TestCaseData> Table()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var endpoint in Enum.GetValues<Endpoint>())
            {
                var expected = role switch
                {
                    Role.Anonymous => "401 UNAUTHORIZED",
                    Role.Member when !MemberMayUse.Contains(endpoint) => "403 OWNER_ROLE_REQUIRED",
                    _ => Ok,
                };
                yield return new TestCaseData(role, endpoint, expected)
                    .SetName($"{endpoint}_As{role}_Should{(expected == Ok ? "Succeed" : "Answer" + expected.Replace(' ', '_'))}");
            }
        }
    }

    [TestCaseSource(nameof(Table))]
    public async Task Endpoint_ForEachRole_ShouldAnswerAsTheRoleAllows(Role role, Endpoint endpoint, string expected)
    {
        await ConfigureAsync(ConfigBody(teamName: "Before"));
        var (before, etag) = await GetActiveAsync();
        var client = role switch
        {
            Role.Member => MemberA,
            Role.Owner => Owner,
            Role.Application => Application,
            _ => Anonymous,
        };

        using var response = await SendAsync(client, endpoint);

        if (expected == Ok)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
            return;
        }

        var status = int.Parse(expected[..3], System.Globalization.CultureInfo.InvariantCulture);
        var problem = await AssertProblemAsync(response, status, expected[4..]);
        if (status == 403)
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Owner role required"));
        }

        var (after, etagAfter) = await GetActiveAsync();
        Assert.That(etagAfter, Is.EqualTo(etag), "a refused request changes nothing");
        Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()));
    }

    [Test]
    public async Task Post_AsMember_WithAnInvalidBody_ShouldStillAnswer403()
    {
        using var response = await MemberA.PostAsync(WorkspaceUrl, RawJson("{\"team_id\":\"nope\"}"));

        await AssertProblemAsync(response, 403, "OWNER_ROLE_REQUIRED");
    }

    [Test]
    public async Task Get_AsMember_ShouldSeeTheConfigurationButNoSecret()
    {
        var body = ConfigBody();
        await ConfigureAsync(body);

        using var response = await MemberB.GetAsync(WorkspaceUrl);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(text, Does.Not.Contain((string)body["bot_token"]!).And.Not.Contain((string)body["app_token"]!).And.Not.Contain((string)body["signing_secret"]!));
        Assert.That(text, Does.Contain("\"has_bot_token\":true"));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, Endpoint endpoint) => endpoint switch
    {
        Endpoint.GetWorkspace => client.GetAsync(WorkspaceUrl),
        Endpoint.PostWorkspace => client.PostAsync(WorkspaceUrl, Json(ConfigBody(teamName: "After"))),
        Endpoint.PatchWorkspace => client.SendAsync(Patch(new { team_name = "After", bot_token = Secrets.Token(FakeTokens.Slack.Valid) })),
        Endpoint.DeleteWorkspace => client.DeleteAsync(WorkspaceUrl),
        Endpoint.Test => client.GetAsync(TestUrl),
        Endpoint.ListWorkspaces => client.GetAsync($"{WorkspacesUrl}?active_only=true"),
        Endpoint.Audit => client.GetAsync(AuditUrl),
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
    };
}
