using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connections.Domain.Common;
using Connections.FakePlatforms;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Base of the functional fixtures: one service instance per fixture on its own database, callers of every role,
/// and after every test the secrets audit (no planted secret in any response or log line so far).
/// </summary>
public abstract class FunctionalTest
{
    public const string OwnerEmail = "owner@example.com";
    public const string MemberAEmail = "alice@example.com";
    public const string MemberBEmail = "bob@example.com";
    public const string ApplicationEmail = "ci@example.com";

    protected static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    protected static FakePlatformServer Fake => SuiteSetup.Fake;

    protected static CapturedLogs Logs => SuiteSetup.Logs;

    protected ConnectionsApp App { get; private set; } = null!;

    protected ResponseAudit Audit { get; } = new();

    protected HttpClient Owner { get; private set; } = null!;

    protected HttpClient MemberA { get; private set; } = null!;

    protected HttpClient MemberB { get; private set; } = null!;

    protected HttpClient Application { get; private set; } = null!;

    protected HttpClient Anonymous { get; private set; } = null!;

    /// <summary>Configuration a fixture needs on top of the defaults (e.g. a tighter circuit breaker).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Overrides => null;

    /// <summary>Services a fixture adds after the service's own (e.g. a span exporter); null for none.</summary>
    protected virtual Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? TestServices => null;

    [OneTimeSetUp]
    public async Task StartServiceAsync()
    {
        var database = await TestDatabase.CreateAsync();
        App = new ConnectionsApp(database, Fake, Logs, Overrides, TestServices);
        _ = App.Server;
        Owner = App.ClientWithKey(Secrets.Plant(await App.CreateKeyAsync(OwnerEmail, CallerRole.Owner)), Audit);
        MemberA = App.ClientWithKey(Secrets.Plant(await App.CreateKeyAsync(MemberAEmail, CallerRole.Member)), Audit);
        MemberB = App.ClientWithKey(Secrets.Plant(await App.CreateKeyAsync(MemberBEmail, CallerRole.Member)), Audit);
        Application = App.ClientWithKey(Secrets.Plant(await App.CreateKeyAsync(ApplicationEmail, CallerRole.Application)), Audit);
        Anonymous = App.ClientWithKey(null, Audit);
    }

    [OneTimeTearDown]
    public async Task StopServiceAsync()
    {
        Owner.Dispose();
        MemberA.Dispose();
        MemberB.Dispose();
        Application.Dispose();
        Anonymous.Dispose();

        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }

    [TearDown]
    public void NoSecretLeaked()
    {
        var leaks = Secrets.FindIn(Audit.Responses, "response").Concat(Secrets.FindIn(Logs.Lines, "log")).ToList();
        Assert.That(leaks, Is.Empty, "A planted secret appeared outside the vault.");
    }

    protected static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body, Snake), Encoding.UTF8, "application/json");

    protected static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    protected static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!.AsObject();

    protected static async Task<JsonArray> ReadArrayAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonNode>())!.AsArray();

    /// <summary>Asserts an RFC 9457 problem with the status and stable code, and returns it.</summary>
    protected static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        });
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(problem["status"]?.GetValue<int>(), Is.EqualTo(status), text);
            Assert.That(problem["code"]?.GetValue<string>(), Is.EqualTo(code), text);
            Assert.That(problem["title"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, text);
            Assert.That(text, Does.Not.Contain("   at "), "no stack trace");
        });
        return problem;
    }

    /// <summary>A Slack create body with fresh canary secrets (the token's scenario from <paramref name="tokenPrefix"/>).</summary>
    protected static object SlackBody(string name, string? tokenPrefix = null, object? settings = null) =>
        SlackBodyWithToken(name, tokenPrefix, settings).Body;

    protected static (object Body, string Token) SlackBodyWithToken(string name, string? tokenPrefix = null, object? settings = null)
    {
        var token = Secrets.Token(tokenPrefix ?? FakeTokens.Slack.Valid);
        return (new
        {
            platform = "slack",
            name,
            credentials = new { bot_token = token, signing_secret = Secrets.SigningSecret() },
            settings,
        }, token);
    }

    /// <summary>A Discord create body with a fresh canary token.</summary>
    protected static object DiscordBody(string name, string? tokenPrefix = null, string? guildId = null) =>
        DiscordBodyWithToken(name, tokenPrefix, guildId).Body;

    protected static (object Body, string Token) DiscordBodyWithToken(string name, string? tokenPrefix = null, string? guildId = null)
    {
        var token = Secrets.Token(tokenPrefix ?? FakeTokens.Discord.Valid);
        return (new
        {
            platform = "discord",
            name,
            credentials = new { bot_token = token, guild_id = guildId ?? FakeTokens.Discord.GuildId },
        }, token);
    }

    /// <summary>Creates a connection and returns its id; fails the test if the service refuses.</summary>
    protected static async Task<string> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsync("/api/connections", Json(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    /// <summary>The path and query of the <c>Link: &lt;…&gt;; rel="next"</c> header, or null on the last page.</summary>
    protected static string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        var link = values.Single();
        Assert.That(link, Does.EndWith("; rel=\"next\""));
        var target = link[1..link.IndexOf('>', StringComparison.Ordinal)];
        Assert.That(target, Does.StartWith("/"), "links are relative unless Http:PublicBaseUrl is configured");
        return target;
    }

    protected static string UniqueName(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    protected static MediaTypeHeaderValue JsonMediaType => new("application/json");
}
