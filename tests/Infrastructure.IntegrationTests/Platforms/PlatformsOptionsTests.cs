using Connections.Infrastructure.Platforms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

public class PlatformsOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddPlatformConnectors(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    [Test]
    public void Bind_WhenSectionIsEmpty_ShouldUseTheDocumentedDefaults()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<PlatformsOptions>>().Value;

        options.Slack.BaseUrl.ShouldBe(new Uri("https://slack.com/api/"));
        options.Discord.BaseUrl.ShouldBe(new Uri("https://discord.com/api/v10/"));
        options.Resilience.TotalTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        options.Resilience.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        options.Resilience.MaxRetryAttempts.ShouldBe(3);
        options.Resilience.MaxRetryAfter.ShouldBe(TimeSpan.FromSeconds(10));
        options.Resilience.FailureRatio.ShouldBe(0.5);
        options.Resilience.MinimumThroughput.ShouldBe(10);
        options.Resilience.BreakDuration.ShouldBe(TimeSpan.FromSeconds(15));
    }

    [Test]
    public void Bind_WhenKeysAreSet_ShouldReadThem()
    {
        using var provider = Build(new()
        {
            ["Platforms:Slack:BaseUrl"] = "http://127.0.0.1:5000/slack/api/",
            ["Platforms:Resilience:AttemptTimeout"] = "00:00:00.300",
            ["Platforms:Resilience:MaxRetryAttempts"] = "1",
        });

        var options = provider.GetRequiredService<IOptions<PlatformsOptions>>().Value;

        options.Slack.BaseUrl.ShouldBe(new Uri("http://127.0.0.1:5000/slack/api/"));
        options.Resilience.AttemptTimeout.ShouldBe(TimeSpan.FromMilliseconds(300));
        options.Resilience.MaxRetryAttempts.ShouldBe(1);
    }

    [TestCase("Platforms:Slack:BaseUrl", "/relative/", "Platforms:Slack:BaseUrl")]
    [TestCase("Platforms:Discord:BaseUrl", "https://discord.com/api/v10", "Platforms:Discord:BaseUrl must end with a slash")]
    [TestCase("Platforms:Resilience:AttemptTimeout", "00:00:00", "AttemptTimeout")]
    [TestCase("Platforms:Resilience:TotalTimeout", "-00:00:01", "TotalTimeout")]
    [TestCase("Platforms:Resilience:FailureRatio", "0", "FailureRatio")]
    [TestCase("Platforms:Resilience:MinimumThroughput", "1", "MinimumThroughput")]
    [TestCase("Platforms:Slack:HistoryPageSize", "1000", "Platforms:Slack:HistoryPageSize")]
    [TestCase("Platforms:Discord:HistoryPageSize", "101", "Platforms:Discord:HistoryPageSize")]
    [TestCase("Platforms:Discord:HistoryPageSize", "0", "Platforms:Discord:HistoryPageSize")]
    public void Validate_WhenAValueIsUnusable_ShouldFailAtStartupNamingTheKey(string key, string value, string expected)
    {
        using var provider = Build(new() { [key] = value });

        // What the host runs at start-up because of ValidateOnStart.
        var exception = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        exception.Message.ShouldContain(expected);
    }
}
