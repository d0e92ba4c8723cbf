using System.Diagnostics;
using System.Globalization;
using System.Text;
using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Application.Webhooks.Commands.ReceiveSlackEvent;
using Connections.Application.Webhooks.Common;
using Connections.Domain.Connections;
using Connections.FakePlatforms;
using Connections.Infrastructure.Persistence;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connections.Benchmarks;

/// <summary>
/// How long refusing a wrongly signed Slack delivery takes with 10 and with 10,000 Slack connections of one team in the
/// database (each with its own signing secret), for a body naming the team and one naming none (url_verification).
/// Flat means a ratio near 1.
/// </summary>
internal static class WebhookRefusal
{
    private const int Refusals = 300;

    public static async Task<int> RunAsync(string provider, Func<BenchDatabase, FakePlatformServer, IHost> buildHost)
    {
        await using var fake = await FakePlatformServer.StartAsync();
        var figures = new List<(int Connections, double WithTeam, double WithoutTeam)>();
        foreach (var count in new[] { 10, 10_000 })
        {
            await using var database = await BenchDatabase.CreateAsync(provider);
            using var host = buildHost(database, fake);
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
            await SeedAsync(host.Services, count);
            var withTeam = await MedianRefusalAsync(host.Services, $$$"""{"type":"event_callback","team_id":"{{{FakeTokens.Slack.TeamId}}}","event":{"type":"message"}}""");
            var withoutTeam = await MedianRefusalAsync(host.Services, """{"type":"url_verification","token":"x","challenge":"abc"}""");
            Console.WriteLine($"   {provider}: {count,6:N0} Slack connections: refusal median {withTeam,7:N3} ms (team_id), {withoutTeam,7:N3} ms (no team_id)");
            figures.Add((count, withTeam, withoutTeam));
        }

        var (small, large) = (figures[0], figures[1]);
        Console.WriteLine();
        Console.WriteLine($"Webhook refusal ({provider}, median of {Refusals}): 10 connections {small.WithTeam:N3} ms, 10,000 connections {large.WithTeam:N3} ms, ratio {large.WithTeam / small.WithTeam:N2} (team_id); "
            + $"{small.WithoutTeam:N3} ms vs {large.WithoutTeam:N3} ms, ratio {large.WithoutTeam / small.WithoutTeam:N2} (no team_id)");
        return 0;
    }

    /// <summary>Connections written straight to the database (no platform calls), saved a millisecond apart: the refusal path only reads them.</summary>
    private static async Task SeedAsync(IServiceProvider services, int count)
    {
        var now = DateTimeOffset.UtcNow;
        for (var done = 0; done < count; done += 1000)
        {
            await using var scope = services.CreateAsyncScope();
            var vault = scope.ServiceProvider.GetRequiredService<CredentialsVault>();
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            for (var i = done; i < Math.Min(count, done + 1000); i++)
            {
                var credentials = vault.Protect(new PlatformCredentials($"xoxb-bench-{i}", Guid.NewGuid().ToString("N")));
                db.Connections.Add(Connection.Create(Platform.Slack, $"Bench {i}", "bench@example.com", credentials, FakeTokens.Slack.TeamId, ConnectionSettings.Default, [], now.AddMilliseconds(i)));
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    private static async Task<double> MedianRefusalAsync(IServiceProvider services, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timings = new List<double>();
        for (var i = -100; i < Refusals; i++)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var signature = SlackSignature.Compute("0123456789abcdef0123456789abcdef", timestamp, body);
            await using var scope = services.CreateAsyncScope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var watch = Stopwatch.StartNew();
            var result = await mediator.Send(new ReceiveSlackEventCommand(body, timestamp, signature));
            watch.Stop();
            if (result.IsSuccess || result.Error.Code != "INVALID_SIGNATURE")
            {
                throw new InvalidOperationException("The wrongly signed delivery was not refused.");
            }

            if (i >= 0)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        timings.Sort();
        return timings[timings.Count / 2];
    }
}
