using System.Diagnostics;
using Connections.Application;
using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Commands.CreateConnection;
using Connections.Application.Connections.Commands.UpdateChannelSelection;
using Connections.Application.Connections.Common;
using Connections.Application.Messages.Queries.GetMessages;
using Connections.Application.Syncs;
using Connections.Benchmarks;
using Connections.Domain.Common;
using Connections.Domain.Syncs;
using Connections.FakePlatforms;
using Connections.Infrastructure;
using Connections.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Sync throughput, memory and search latency, printed as figures (not a pass/fail test).
//   dotnet run -c Release --project bench/Connections.Benchmarks -- [--provider Sqlite|Postgres|all] [--search-rows 1000000]
// Postgres needs CONNECTIONS_TEST_POSTGRES (dotnet cake --target=Bench starts a throwaway server and sets it).
// The cost of refusing a wrongly signed Slack delivery with 10 and with 10,000 Slack connections (ADR 0019):
//   dotnet run -c Release --project bench/Connections.Benchmarks -- --mode webhook-refusal [--provider Sqlite]
if (Arg("--mode", "sync") == "webhook-refusal")
{
    return await WebhookRefusal.RunAsync(Arg("--provider", "Sqlite") == "all" ? "Sqlite" : Arg("--provider", "Sqlite"), BuildHost);
}

var providers = Arg("--provider", "all") switch
{
    "all" => Environment.GetEnvironmentVariable("CONNECTIONS_TEST_POSTGRES") is null ? ["Sqlite"] : new[] { "Sqlite", "Postgres" },
    var one => [one],
};
var searchRows = int.Parse(Arg("--search-rows", "1000000"), System.Globalization.CultureInfo.InvariantCulture);

await using var fake = await FakePlatformServer.StartAsync();
var results = new List<string>();
foreach (var provider in providers)
{
    await using var database = await BenchDatabase.CreateAsync(provider);
    using var host = BuildHost(database, fake);
    await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    Console.WriteLine($"== {provider}");

    var (connectionId, sync) = await MeasureSyncAsync(host.Services);
    var raw = await RawInsert.MeasureAsync(database, connectionId, FakeHistory.Slack.BenchChannelCount * FakeHistory.Slack.BenchMessagesPerChannel, "RAW");
    Console.WriteLine($"   raw batched insert: {raw:N0} msg/s");
    await RawInsert.FillAsync(database, connectionId, searchRows - sync.Messages - (int)(raw > 0 ? FakeHistory.Slack.BenchChannelCount * FakeHistory.Slack.BenchMessagesPerChannel : 0), "SEARCH");
    var search = await MeasureSearchAsync(host.Services, connectionId);
    results.Add($"{provider,-9} sync {sync.Rate,9:N0} msg/s  raw {raw,9:N0} msg/s  ratio {sync.Rate / raw,6:P0}  peak managed heap {sync.PeakHeapMb,6:N1} MB  search p50 {search.P50,7:N1} ms (p95 {search.P95:N1} ms) over {search.Rows:N0} messages");
}

Console.WriteLine();
Console.WriteLine($"Benchmark: {FakeHistory.Slack.BenchChannelCount} channels x {FakeHistory.Slack.BenchMessagesPerChannel} messages synced from the fake Slack over HTTP");
results.ForEach(Console.WriteLine);
return 0;

static string Arg(string name, string fallback)
{
    var args = Environment.GetCommandLineArgs();
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static IHost BuildHost(BenchDatabase database, FakePlatformServer fake)
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = database.Provider,
        ["Database:DataDirectory"] = database.DataDirectory,
        ["Database:ConnectionString"] = database.ConnectionString,
        ["Platforms:Slack:BaseUrl"] = fake.SlackApiBaseUrl.ToString(),
        ["Platforms:Discord:BaseUrl"] = fake.DiscordApiBaseUrl.ToString(),
        ["Platforms:Resilience:MinimumThroughput"] = "100000",
    });
    builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddApplication().AddInfrastructure(builder.Configuration, builder.Environment).AddDatabaseKeyRing(builder.Configuration, builder.Environment);
    builder.Services.AddScoped<ICurrentUser, BenchUser>();
    return builder.Build();
}

static async Task<(string ConnectionId, (int Messages, double Rate, double PeakHeapMb) Result)> MeasureSyncAsync(IServiceProvider services)
{
    string connectionId;
    string runId;
    await using (var scope = services.CreateAsyncScope())
    {
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var created = await mediator.Send(new CreateConnectionCommand(
            "slack",
            "Bench",
            new CredentialsInput(FakeTokens.Unique(FakeTokens.Slack.Bench), "0123456789abcdef0123456789abcdef", null),
            null));
        connectionId = created.Value.Id;
        await mediator.Send(new UpdateChannelSelectionCommand(connectionId, [], SyncAll: true));
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var run = SyncRun.Queue(connectionId, SyncTrigger.Manual, DateTimeOffset.UtcNow);
        db.SyncRuns.Add(run);
        await db.SaveChangesAsync(CancellationToken.None);
        runId = run.Id;
    }

    GC.Collect();
    using var sampler = new HeapSampler();
    var watch = Stopwatch.StartNew();
    await using (var scope = services.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<SyncEngine>().RunAsync(runId, CancellationToken.None);
    }

    watch.Stop();
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
        var run = await db.SyncRuns.AsNoTracking().FirstAsync(r => r.Id == runId);
        var stored = await db.Messages.CountAsync(m => m.ConnectionId == connectionId);
        var rate = stored / watch.Elapsed.TotalSeconds;
        Console.WriteLine($"   sync: run {run.Status}, {stored:N0} messages stored in {watch.Elapsed.TotalSeconds:N1} s = {rate:N0} msg/s, peak managed heap {sampler.PeakMb:N1} MB");
        return (connectionId, (stored, rate, sampler.PeakMb));
    }
}

static async Task<(double P50, double P95, int Rows)> MeasureSearchAsync(IServiceProvider services, string connectionId)
{
    await using var scope = services.CreateAsyncScope();
    var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
    var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
    var rows = await db.Messages.CountAsync(m => m.ConnectionId == connectionId);
    string[] needles = ["quartz", "ledger", "Harbor", "zephyr-7", "invoice 12", "nebula", "kiwi", "lantern", "ORBIT", "saffron", "tundra", "vortex", "walnut", "yodel", "delta-3"];
    await mediator.Send(new GetMessagesQuery(connectionId, Q: needles[0], Limit: 100)); // warm up
    var timings = new List<double>();
    foreach (var needle in needles)
    {
        var watch = Stopwatch.StartNew();
        var page = await mediator.Send(new GetMessagesQuery(connectionId, Q: needle, Limit: 100));
        watch.Stop();
        if (page.IsFailure)
        {
            throw new InvalidOperationException(page.Error.Code);
        }

        timings.Add(watch.Elapsed.TotalMilliseconds);
    }

    timings.Sort();
    Console.WriteLine($"   search over {rows:N0} messages: p50 {timings[timings.Count / 2]:N1} ms, p95 {timings[(int)(timings.Count * 0.95)]:N1} ms");
    return (timings[timings.Count / 2], timings[(int)(timings.Count * 0.95)], rows);
}
