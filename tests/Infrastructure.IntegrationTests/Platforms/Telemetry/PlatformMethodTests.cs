using Connections.Domain.Connections;
using Connections.Infrastructure.Platforms.Telemetry;

namespace Connections.Infrastructure.IntegrationTests.Platforms.Telemetry;

public class PlatformMethodTests
{
    private static readonly Uri SlackBase = new("https://slack.com/api/");
    private static readonly Uri DiscordBase = new("https://discord.com/api/v10/");

    [TestCase("https://slack.com/api/auth.test", "auth.test")]
    [TestCase("https://slack.com/api/conversations.history", "conversations.history")]
    [TestCase("https://slack.com/api/apps.connections.open", "apps.connections.open")]
    [TestCase("https://slack.com/api/conversations.history?channel=C0FAKEGEN1&limit=200", "conversations.history")]
    [TestCase("https://slack.com/api/xoxb-1234-abcdef", "other")]
    [TestCase("https://slack.com/api/conversations.history/C0FAKEGEN1", "other")]
    [TestCase("https://slack.com/other/auth.test", "other")]
    public void Of_WhenSlack_ShouldBeTheWebApiMethodOrOther(string url, string expected) =>
        PlatformMethod.Of(Platform.Slack, SlackBase, new Uri(url)).ShouldBe(expected);

    [TestCase("https://discord.com/api/v10/users/@me", "users/@me")]
    [TestCase("https://discord.com/api/v10/applications/@me", "applications/@me")]
    [TestCase("https://discord.com/api/v10/guilds/1100000000000000001?with_counts=true", "guilds/{id}")]
    [TestCase("https://discord.com/api/v10/guilds/1100000000000000001/channels", "guilds/{id}/channels")]
    [TestCase("https://discord.com/api/v10/guilds/1100000000000000001/members/1100000000000000100", "guilds/{id}/members/{id}")]
    [TestCase("https://discord.com/api/v10/channels/1100000000000000041/messages?after=0&limit=100", "channels/{id}/messages")]
    [TestCase("https://discord.com/api/v10/webhooks/123/MTEwMDAwMDAw.fake.token", "webhooks/{id}/{id}")]
    [TestCase("https://discord.com/api/v10/channels/Abc%20def/messages", "channels/{id}/messages")]
    [TestCase("https://discord.com/api/v9/users/@me", "other")]
    public void Of_WhenDiscord_ShouldTemplateEveryValueAsId(string url, string expected) =>
        PlatformMethod.Of(Platform.Discord, DiscordBase, new Uri(url)).ShouldBe(expected);

    [Test]
    public void Of_WhenTheRouteIsVeryLong_ShouldBeOther() =>
        PlatformMethod.Of(Platform.Discord, DiscordBase, new Uri(DiscordBase, string.Join('/', Enumerable.Repeat("a", 20))))
            .ShouldBe(PlatformMethod.Other);

    [Test]
    public void Of_WhenTheUriIsRelative_ShouldResolveItAgainstTheBase() =>
        PlatformMethod.Of(Platform.Discord, DiscordBase, new Uri("channels/42/messages", UriKind.Relative)).ShouldBe("channels/{id}/messages");

    [Test]
    public void Of_WhenThereIsNoUri_ShouldBeOther() =>
        PlatformMethod.Of(Platform.Slack, SlackBase, null).ShouldBe(PlatformMethod.Other);
}
