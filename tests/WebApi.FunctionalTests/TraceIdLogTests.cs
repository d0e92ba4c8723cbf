using System.Text.Json;
using Connections.Domain.Common;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Connections.WebApi.FunctionalTests;

/// <summary>
/// Support finds a request from the <c>trace_id</c> a user quotes: every log line of the request carries the same
/// value, in the captured lines and in the console output (plain and JSON). Default configuration: no /metrics.
/// </summary>
public sealed class TraceIdLogTests : FunctionalTest
{
    [Test]
    public async Task Problem_WhenTheConnectionIsUnknown_ShouldQuoteTheTraceIdEveryLogLineOfTheRequestCarries()
    {
        var path = $"/api/connections/conn_{Guid.NewGuid():N}";

        using var response = await MemberA.GetAsync(path);
        var traceId = (await AssertProblemAsync(response, 404, "CONNECTION_NOT_FOUND"))["trace_id"]!.GetValue<string>();

        Assert.That(traceId, Does.Match("^[0-9a-f]{32}$"), "a W3C trace id");
        var requestLines = Logs.Lines.Where(l => l.Contains($"RequestPath:{path} ", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(requestLines, Has.Some.Contains("GetConnectionQuery").And.Contains("CONNECTION_NOT_FOUND"));
            Assert.That(requestLines, Has.All.Contains($"TraceId:{traceId}"));
        });
    }

    [Test]
    public async Task Problem_WhenValidationFails_ShouldQuoteTheTraceIdOfTheRequestsLogLine()
    {
        var name = UniqueName("Trace");
        using var response = await MemberA.PostAsync("/api/connections", Json(new { platform = "slack", name, credentials = new { bot_token = "", signing_secret = "" } }));
        var traceId = (await AssertProblemAsync(response, 400, "VALIDATION_FAILED"))["trace_id"]!.GetValue<string>();

        Assert.That(
            Logs.Lines.Where(l => l.Contains($"TraceId:{traceId}", StringComparison.Ordinal)),
            Has.Some.Contains("CreateConnectionCommand").And.Contains("VALIDATION_FAILED"));
    }

    [Test]
    public async Task Scrape_WhenPrometheusIsOff_ShouldAnswer404()
    {
        using var response = await Anonymous.GetAsync("/metrics");

        await AssertProblemAsync(response, 404, "NOT_FOUND");
    }

    [Test]
    public async Task ConsoleLog_WhenARequestFails_ShouldPrintTheProblemsTraceId()
    {
        var (output, traceId) = await ConsoleOutputOfAFailedRequestAsync("simple");

        var lines = output.Split('\n');
        var message = Array.FindIndex(lines, l => l.Contains("GetConnectionQuery", StringComparison.Ordinal) && l.Contains("CONNECTION_NOT_FOUND", StringComparison.Ordinal));
        Assert.That(message, Is.GreaterThan(0), output);
        Assert.That(lines[message - 1], Does.Contain($"TraceId:{traceId}"), "the scope line printed above the message");
    }

    [Test]
    public async Task JsonConsoleLog_WhenARequestFails_ShouldCarryTheProblemsTraceId()
    {
        var (output, traceId) = await ConsoleOutputOfAFailedRequestAsync("json");

        var entry = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("Message").GetString()!.Contains("CONNECTION_NOT_FOUND", StringComparison.Ordinal));
        var scopeTraceIds = entry.GetProperty("Scopes").EnumerateArray()
            .Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _))
            .Select(s => s.GetProperty("TraceId").GetString());
        Assert.That(scopeTraceIds, Is.EqualTo(new[] { traceId }));
    }

    /// <summary>
    /// A second host on the same database with the console logger the service configures (appsettings.json), its
    /// output captured; one request that fails with a problem.
    /// </summary>
    private async Task<(string Output, string TraceId)> ConsoleOutputOfAFailedRequestAsync(string formatter)
    {
        var key = Secrets.Plant(await App.CreateKeyAsync($"console-{formatter}@example.com", CallerRole.Member));
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        string traceId;
        try
        {
            await using var host = App.WithWebHostBuilder(builder =>
            {
                builder.UseSetting("Logging:Console:FormatterName", formatter);
                builder.ConfigureLogging(logging => logging.AddConsole());
            });
            using var client = host.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var response = await client.GetAsync($"/api/connections/conn_{Guid.NewGuid():N}");
            traceId = (await AssertProblemAsync(response, 404, "CONNECTION_NOT_FOUND"))["trace_id"]!.GetValue<string>();
        }
        finally
        {
            // Disposing the host above flushed the console logger's queue.
            Console.SetOut(original);
        }

        var output = console.ToString();
        Assert.That(Secrets.FindIn([output], "console"), Is.Empty);
        return (output, traceId);
    }
}
