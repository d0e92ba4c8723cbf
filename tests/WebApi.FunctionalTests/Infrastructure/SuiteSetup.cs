using Connections.FakePlatforms;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>One fake Slack/Discord server and one log capture for the whole suite.</summary>
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
