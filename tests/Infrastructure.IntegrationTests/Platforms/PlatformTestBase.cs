using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.FakePlatforms;
using Connections.Infrastructure.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

/// <summary>
/// One fake Slack + Discord server per fixture on 127.0.0.1; every test builds its own container through
/// <see cref="PlatformServiceCollectionExtensions.AddPlatformConnectors"/> (so breaker state never leaks between
/// tests) with configuration pointing at the fake and timeouts shrunk to keep the suite fast.
/// </summary>
public abstract class PlatformTestBase
{
    private readonly List<ServiceProvider> _providers = [];

    protected FakePlatformServer Fake { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartFakeAsync() => Fake = await FakePlatformServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopFakeAsync() => await Fake.DisposeAsync();

    [TearDown]
    public async Task DisposeProvidersAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        _providers.Clear();
    }

    /// <summary>Fast settings: small back-off, short timeouts, a breaker that stays out of the way unless a test wants it.</summary>
    protected ServiceProvider BuildProvider(Dictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Platforms:Slack:BaseUrl"] = Fake.SlackApiBaseUrl.ToString(),
            ["Platforms:Discord:BaseUrl"] = Fake.DiscordApiBaseUrl.ToString(),
            ["Platforms:Resilience:TotalTimeout"] = "00:00:05",
            ["Platforms:Resilience:AttemptTimeout"] = "00:00:02",
            ["Platforms:Resilience:BaseDelay"] = "00:00:00.010",
            ["Platforms:Resilience:MaxDelay"] = "00:00:00.050",
            ["Platforms:Resilience:MaxRetryAfter"] = "00:00:03",
            ["Platforms:Resilience:MinimumThroughput"] = "1000",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var provider = new ServiceCollection().AddPlatformConnectors(configuration).BuildServiceProvider(validateScopes: true);
        _providers.Add(provider);
        return provider;
    }

    protected static IPlatformConnector ConnectorFor(IServiceProvider provider, Platform platform) =>
        provider.GetServices<IPlatformConnector>().Single(c => c.Platform == platform);

    /// <summary>The failure as a <see cref="PlatformError"/>, checking it never repeats the token.</summary>
    protected static PlatformError ShouldFail(Result<PlatformProbe> result, ConnectionErrorCode expected, string token)
    {
        result.IsFailure.ShouldBeTrue("expected a failure, the probe succeeded");
        var error = result.Error.ShouldBeOfType<PlatformError>();
        error.ErrorCode.ShouldBe(expected, error.Message);
        error.Code.ShouldBe(expected.ToWireName());
        error.Message.ShouldNotBeNullOrWhiteSpace();
        error.Message.ShouldNotContain(token);
        return error;
    }

    /// <summary>
    /// Asserts how many requests the fake answered for a token. The fake records a request after answering it
    /// (and an aborted slow request only once its wait is cancelled), so the count may trail our result a little:
    /// wait for it to reach the expected number, then a moment more so an extra request would show too.
    /// </summary>
    protected async Task ShouldSeeRequestsAsync(string token, string pathContains, int expected)
    {
        var waited = Stopwatch.StartNew();
        while (Fake.CountRequests(token, pathContains) < expected && waited.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(20);
        }

        await Task.Delay(50);
        Fake.CountRequests(token, pathContains).ShouldBe(expected, $"requests for '{pathContains}'");
    }

    protected static async Task<(T Result, TimeSpan Elapsed)> TimeAsync<T>(Func<Task<T>> action)
    {
        var stopwatch = Stopwatch.StartNew();
        var result = await action();
        return (result, stopwatch.Elapsed);
    }

    /// <summary>A loopback port nothing listens on: bind, read the port, close.</summary>
    protected static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    protected static string Ms(int milliseconds) =>
        TimeSpan.FromMilliseconds(milliseconds).ToString("c", CultureInfo.InvariantCulture);
}
