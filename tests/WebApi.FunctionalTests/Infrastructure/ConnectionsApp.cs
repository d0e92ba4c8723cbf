using Connections.Application.ApiKeys.Commands.CreateApiKey;
using Connections.Domain.Common;
using Connections.FakePlatforms;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The real service (Production environment, real HTTP pipeline) on a throwaway database, talking to the fake
/// Slack/Discord over real HTTP on 127.0.0.1, with every log line captured.
/// </summary>
public sealed class ConnectionsApp(
    TestDatabase database,
    FakePlatformServer fake,
    CapturedLogs logs,
    IReadOnlyDictionary<string, string?>? overrides = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["Database:DataDirectory"] = database.DataDirectory,
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Platforms:Slack:BaseUrl"] = fake.SlackApiBaseUrl.ToString(),
            ["Platforms:Discord:BaseUrl"] = fake.DiscordApiBaseUrl.ToString(),
            ["Platforms:Resilience:TotalTimeout"] = "00:00:05",
            ["Platforms:Resilience:AttemptTimeout"] = "00:00:01",
            ["Platforms:Resilience:BaseDelay"] = "00:00:00.050",
            ["Platforms:Resilience:MaxDelay"] = "00:00:00.200",
            ["Platforms:Resilience:MaxRetryAfter"] = "00:00:02",
            ["Platforms:Resilience:MinimumThroughput"] = "1000",
            // Background syncs would race the assertions of unrelated tests; sync fixtures turn it on.
            ["Sync:Enabled"] = "false",
            // High enough that no test but the rate-limit fixture (which lowers them) ever meets a limit.
            ["RateLimits:PerKey:PermitLimit"] = "100000",
            ["RateLimits:PerConnection:PermitLimit"] = "100000",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddProvider(logs.CreateProvider());
        });
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }

    /// <summary>Creates an API key the way the command line does, and returns the plain key.</summary>
    public async Task<string> CreateKeyAsync(string email, CallerRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateApiKeyCommand(email, role));
        return created.Value.Key;
    }

    /// <summary>A client that sends the key as a bearer token and records every response for the secrets audit.</summary>
    public HttpClient ClientWithKey(string? apiKey, ResponseAudit audit)
    {
        var client = CreateDefaultClient(audit.CreateHandler());
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }
}
