using Connections.Application.Connections.Common;
using Connections.Domain.Connections;
using static Connections.Application.UnitTests.Connections.TestCredentials;

namespace Connections.Application.UnitTests.Connections;

[TestFixture]
public class CredentialChecksTests
{
    [Test]
    public void Check_WhenSlackRotationOmitsEverything_ShouldPass()
    {
        Assert.That(CredentialChecks.Check(Platform.Slack, new CredentialsInput(null, null, null), required: false), Is.Null);
    }

    [Test]
    public void Check_WhenDiscordRotationOmitsEverything_ShouldPass()
    {
        Assert.That(CredentialChecks.Check(Platform.Discord, new CredentialsInput(null, null, null), required: false), Is.Null);
    }

    [Test]
    public void Check_WhenSlackRotationGivesOnlyAWellFormedToken_ShouldPass()
    {
        Assert.That(CredentialChecks.Check(Platform.Slack, new CredentialsInput(SlackBotToken, null, null), required: false), Is.Null);
    }

    [Test]
    public void Check_WhenRequiredAndMissing_ShouldReportEachFieldUnderCredentials()
    {
        var error = CredentialChecks.Check(Platform.Slack, new CredentialsInput(null, null, null), required: true);

        error.ShouldNotBeNull();
        error.Code.ShouldBe("VALIDATION_FAILED");
        error.Errors.Keys.ShouldBe(["credentials.bot_token", "credentials.signing_secret"], ignoreOrder: true);
        error.Errors["credentials.bot_token"].ShouldBe(["Is required."]);
    }

    [Test]
    public void Check_WhenSlackTokenMalformed_ShouldReportCredentialsBotToken()
    {
        var error = CredentialChecks.Check(Platform.Slack, new CredentialsInput("xoxp-CANARY123", null, null), required: false);

        error.ShouldNotBeNull();
        error.Errors.Keys.ShouldBe(["credentials.bot_token"]);
        error.Errors["credentials.bot_token"].ShouldBe(["Must be a Slack bot token (starts with 'xoxb-')."]);
        error.Errors.Values.SelectMany(m => m).ShouldAllBe(m => !m.Contains("CANARY", StringComparison.Ordinal));
    }

    [Test]
    public void Check_WhenSlackGivenAGuildId_ShouldReportCredentialsGuildId()
    {
        var error = CredentialChecks.Check(Platform.Slack, new CredentialsInput(null, null, DiscordGuildId), required: false);

        error.ShouldNotBeNull().Errors["credentials.guild_id"].ShouldBe(["Is not a Slack credential."]);
    }

    [Test]
    public void Check_WhenDiscordGivenASigningSecret_ShouldReportCredentialsSigningSecret()
    {
        var error = CredentialChecks.Check(Platform.Discord, new CredentialsInput(null, SlackSigningSecret, null), required: false);

        error.ShouldNotBeNull().Errors.Keys.ShouldBe(["credentials.signing_secret"]);
    }

    [Test]
    public void Check_WhenDiscordGuildIdMalformed_ShouldReportCredentialsGuildId()
    {
        var error = CredentialChecks.Check(Platform.Discord, new CredentialsInput(DiscordBotToken, null, "42"), required: false);

        error.ShouldNotBeNull().Errors.Keys.ShouldBe(["credentials.guild_id"]);
    }

    [Test]
    public void Check_WhenDiscordRotationEmptyToken_ShouldReportBotTokenEvenThoughNotRequired()
    {
        // An empty string is not "omitted": it would replace the stored token with nothing.
        var error = CredentialChecks.Check(Platform.Discord, new CredentialsInput("", null, null), required: false);

        error.ShouldNotBeNull().Errors.Keys.ShouldBe(["credentials.bot_token"]);
    }
}
