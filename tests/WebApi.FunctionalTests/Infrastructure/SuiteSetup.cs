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
    public async Task StartFakeAsync()
    {
        // No SQL Server engine can be installed where CI runs: without one the SQL Server run reports every test as
        // skipped, never as passed (the model, migrations and query translation are checked without an engine by
        // the infrastructure suite).
        if (TestDatabase.ProviderUnderTest == "SqlServer" && TestDatabase.SqlServerAdminConnectionString is null)
        {
            Assert.Ignore($"{TestDatabase.SqlServerVariable} is not set: the functional suite did not run against SQL Server. "
                + "Set it to a connection string of a login that may create databases (README, Running on SQL Server).");
        }

        Fake = await FakePlatformServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopFakeAsync()
    {
        if (Fake is not null)
        {
            await Fake.DisposeAsync();
        }
    }
}
