using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Commands.CreateConnection;
using Connections.Application.Connections.Commands.UpdateConnection;
using Connections.Application.Connections.Common;
using static Connections.Application.UnitTests.Connections.TestCredentials;

namespace Connections.Application.UnitTests.Connections;

[TestFixture]
public class CredentialsToStringTests
{
    [Test]
    public void CredentialsInputToString_WhenHoldingSecrets_ShouldShowNoneOfThem()
    {
        var input = new CredentialsInput(SlackBotToken, SlackSigningSecret, DiscordGuildId);

        var text = input.ToString();

        Assert.That(text, Does.Not.Contain(SlackBotToken));
        Assert.That(text, Does.Not.Contain("xoxb"));
        Assert.That(text, Does.Not.Contain(SlackSigningSecret));
        Assert.That(text, Does.Not.Contain(DiscordGuildId));
        Assert.That(text, Does.StartWith("CredentialsInput"));
    }

    [Test]
    public void PlatformCredentialsToString_WhenHoldingSecrets_ShouldShowOnlyTheGuildId()
    {
        var credentials = new PlatformCredentials(DiscordBotToken, SlackSigningSecret, DiscordGuildId);

        var text = credentials.ToString();

        Assert.That(text, Does.Not.Contain(DiscordBotToken));
        Assert.That(text, Does.Not.Contain("MTIzNDU2"));
        Assert.That(text, Does.Not.Contain(SlackSigningSecret));
        Assert.That(text, Does.Contain(DiscordGuildId));
    }

    [Test]
    public void CreateConnectionCommandToString_WhenCarryingCredentials_ShouldNotShowThem()
    {
        var command = new CreateConnectionCommand("slack", "Team", new CredentialsInput(SlackBotToken, SlackSigningSecret, null), null);

        var text = command.ToString();

        text.ShouldNotContain(SlackBotToken);
        text.ShouldNotContain(SlackSigningSecret);
        text.ShouldContain("CredentialsInput { *** }");
    }

    [Test]
    public void UpdateConnectionCommandToString_WhenCarryingCredentials_ShouldNotShowThem()
    {
        var command = new UpdateConnectionCommand("conn_x", null, new CredentialsInput(DiscordBotToken, null, DiscordGuildId), null);

        command.ToString().ShouldNotContain(DiscordBotToken);
    }
}
