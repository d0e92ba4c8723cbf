using System.Text.Json.Nodes;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests.SlackWorkspaces;

/// <summary>Helpers of the Slack workspace fixtures: bodies with fresh canary secrets, set-up and clean-up over HTTP.</summary>
public abstract class SlackWorkspaceTest : FunctionalTest
{
    protected const string WorkspaceUrl = "/sfp/api/slack/workspace";
    protected const string WorkspacesUrl = "/sfp/api/slack/workspaces";
    protected const string TestUrl = "/sfp/api/slack/test";
    protected const string AuditUrl = "/sfp/api/slack/workspace/audit";

    protected static readonly string[] WorkspaceFields =
    [
        "id", "team_id", "team_name", "app_id", "app_name", "bot_user_id", "is_active", "created_at", "updated_at",
        "created_by", "has_bot_token", "has_app_token", "has_signing_secret",
    ];

    /// <summary>A complete configure body; every token and secret is a fresh canary.</summary>
    protected static Dictionary<string, object?> ConfigBody(
        string teamId = FakeTokens.Slack.TeamId,
        string teamName = FakeTokens.Slack.TeamName,
        string botTokenPrefix = FakeTokens.Slack.Valid,
        string appTokenPrefix = FakeTokens.Slack.AppValid) =>
        new()
        {
            ["team_id"] = teamId,
            ["team_name"] = teamName,
            ["bot_token"] = Secrets.Token(botTokenPrefix),
            ["app_token"] = Secrets.Token(appTokenPrefix),
            ["signing_secret"] = Secrets.SigningSecret(),
        };

    /// <summary>The Other Workspace's configuration (its bot token acts in <c>T0OTHER01</c>).</summary>
    protected static Dictionary<string, object?> OtherTeamBody() =>
        ConfigBody(FakeTokens.Slack.OtherTeamId, FakeTokens.Slack.OtherTeamName, FakeTokens.Slack.OtherTeam);

    /// <summary>Configures a team as the owner and returns the answer's body; fails the test if refused.</summary>
    protected async Task<JsonObject> ConfigureAsync(IDictionary<string, object?> body, HttpClient? client = null)
    {
        using var response = await (client ?? Owner).PostAsync(WorkspaceUrl, Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.AnyOf(200, 201), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Deletes every configuration, so a test can start from "nothing configured".</summary>
    protected async Task ClearAsync()
    {
        var all = await ReadArrayAsync(await Owner.GetAsync(WorkspacesUrl));
        foreach (var teamId in all.Select(w => w!["team_id"]!.GetValue<string>()))
        {
            using var deleted = await Owner.DeleteAsync($"{WorkspaceUrl}?team_id={teamId}");
            Assert.That((int)deleted.StatusCode, Is.EqualTo(200));
        }
    }

    /// <summary>The active configuration as GET shows it, and its ETag.</summary>
    protected async Task<(JsonObject Workspace, string ETag)> GetActiveAsync()
    {
        using var response = await Owner.GetAsync(WorkspaceUrl);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        return (JsonNode.Parse(text)!.AsObject(), response.Headers.ETag!.ToString());
    }

    protected static StringContent Json(IDictionary<string, object?> body) => Json((object)body);

    protected static HttpRequestMessage Patch(object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, WorkspaceUrl) { Content = Json(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
