using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>(Root namespace, so it wraps every fixture.) One fake Slack/Discord server and one log capture for the whole suite.</summary>
[SetUpFixture]
public sealed class SuiteSetup
{
    public static FakePlatformServer Fake { get; private set; } = null!;

    public static CapturedLogs Logs { get; } = new();

    [OneTimeSetUp]
    public async Task StartFakeAsync() => Fake = await FakePlatformServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopFakeAsync() => await Fake.DisposeAsync();
}
