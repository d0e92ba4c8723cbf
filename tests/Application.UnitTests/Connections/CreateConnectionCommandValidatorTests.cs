using Connections.Application.Connections.Commands.CreateConnection;
using Connections.Application.Connections.Common;
using static Connections.Application.UnitTests.Connections.TestCredentials;

namespace Connections.Application.UnitTests.Connections;

[TestFixture]
public class CreateConnectionCommandValidatorTests
{
    private CreateConnectionCommandValidator _validator = null!;

    [SetUp]
    public void CreateValidator() => _validator = new CreateConnectionCommandValidator();

    private static CreateConnectionCommand Slack(
        string? botToken = SlackBotToken,
        string? signingSecret = SlackSigningSecret,
        string? guildId = null,
        string? name = "Team Alpha",
        SettingsInput? settings = null) =>
        new("slack", name, new CredentialsInput(botToken, signingSecret, guildId), settings);

    private static CreateConnectionCommand Discord(
        string? botToken = DiscordBotToken,
        string? guildId = DiscordGuildId,
        string? signingSecret = null) =>
        new("discord", "Guild", new CredentialsInput(botToken, signingSecret, guildId), null);

    private Dictionary<string, string[]> Errors(CreateConnectionCommand command) => _validator.Validate(command).ByField();

    // ---------- a trailing newline is not part of any credential ($ would match before it; the patterns use \z) ----------

    [Test]
    public void Validate_WhenSlackTokenEndsWithNewline_ShouldReportBotToken() =>
        Errors(Slack(botToken: SlackBotToken + "\n")).Keys.ShouldBe(["credentials.bot_token"]);

    [Test]
    public void Validate_WhenSigningSecretEndsWithNewline_ShouldReportSigningSecret() =>
        Errors(Slack(signingSecret: SlackSigningSecret + "\n")).Keys.ShouldBe(["credentials.signing_secret"]);

    [Test]
    public void Validate_WhenDiscordTokenEndsWithNewline_ShouldReportBotToken() =>
        Errors(Discord(botToken: DiscordBotToken + "\n")).Keys.ShouldBe(["credentials.bot_token"]);

    [Test]
    public void Validate_WhenGuildIdEndsWithNewline_ShouldReportGuildId() =>
        Errors(Discord(guildId: DiscordGuildId + "\n")).Keys.ShouldBe(["credentials.guild_id"]);

    // ---------- happy paths ----------

    [Test]
    public void Validate_WhenWellFormedSlackCommand_ShouldHaveNoErrors()
    {
        Assert.That(Errors(Slack()), Is.Empty);
    }

    [Test]
    public void Validate_WhenWellFormedDiscordCommand_ShouldHaveNoErrors()
    {
        Assert.That(Errors(Discord()), Is.Empty);
    }

    [Test]
    public void Validate_WhenSettingsWithinBounds_ShouldHaveNoErrors()
    {
        Assert.That(Errors(Slack(settings: new SettingsInput(5, false, null))), Is.Empty);
        Assert.That(Errors(Slack(settings: new SettingsInput(10080, null, true))), Is.Empty);
        Assert.That(Errors(Slack(settings: new SettingsInput(null, null, null))), Is.Empty);
    }

    // ---------- platform ----------

    [Test]
    public void Validate_WhenPlatformMissing_ShouldReportPlatformRequired()
    {
        var errors = Errors(new CreateConnectionCommand(null, "n", new CredentialsInput(SlackBotToken, SlackSigningSecret, null), null));

        errors.Keys.ShouldBe(["platform"]);
        errors["platform"].ShouldContain("Is required.");
    }

    [TestCase("teams")]
    [TestCase("Slack")]
    [TestCase("DISCORD")]
    [TestCase(" slack")]
    public void Validate_WhenPlatformUnknown_ShouldReportOnlyThePlatform(string platform)
    {
        var errors = Errors(new CreateConnectionCommand(platform, "n", new CredentialsInput(SlackBotToken, SlackSigningSecret, null), null));

        errors.Keys.ShouldBe(["platform"]);
        errors["platform"].ShouldBe(["Must be 'slack' or 'discord'."]);
    }

    // ---------- credentials presence ----------

    [TestCase("slack")]
    [TestCase("discord")]
    public void Validate_WhenCredentialsMissing_ShouldReportCredentialsRequired(string platform)
    {
        var errors = Errors(new CreateConnectionCommand(platform, "n", null, null));

        errors.Keys.ShouldBe(["credentials"]);
        errors["credentials"].ShouldBe(["Is required."]);
    }

    [Test]
    public void Validate_WhenSlackCredentialsEmpty_ShouldReportBothSlackFieldsRequired()
    {
        var errors = Errors(Slack(botToken: null, signingSecret: null));

        errors.Keys.ShouldBe(["credentials.bot_token", "credentials.signing_secret"], ignoreOrder: true);
        errors["credentials.bot_token"].ShouldBe(["Is required."]);
        errors["credentials.signing_secret"].ShouldBe(["Is required."]);
    }

    [Test]
    public void Validate_WhenDiscordCredentialsEmpty_ShouldReportBothDiscordFieldsRequired()
    {
        var errors = Errors(Discord(botToken: null, guildId: null));

        errors.Keys.ShouldBe(["credentials.bot_token", "credentials.guild_id"], ignoreOrder: true);
        errors["credentials.bot_token"].ShouldBe(["Is required."]);
        errors["credentials.guild_id"].ShouldBe(["Is required."]);
    }

    // ---------- Slack ----------

    [TestCase("xoxp-1234567890-abcdef", TestName = "Validate_WhenSlackTokenIsAUserToken_ShouldReportBotToken")]
    [TestCase("xoxa-2-abcdef", TestName = "Validate_WhenSlackTokenIsAnAppToken_ShouldReportBotToken")]
    [TestCase("XOXB-1234567890-abcdef", TestName = "Validate_WhenSlackTokenPrefixUpperCase_ShouldReportBotToken")]
    [TestCase("xoxb-", TestName = "Validate_WhenSlackTokenIsOnlyThePrefix_ShouldReportBotToken")]
    [TestCase("xoxb-abc def", TestName = "Validate_WhenSlackTokenContainsSpace_ShouldReportBotToken")]
    [TestCase("Bearer xoxb-abc", TestName = "Validate_WhenSlackTokenHasBearerPrefix_ShouldReportBotToken")]
    [TestCase(DiscordBotToken, TestName = "Validate_WhenSlackGivenADiscordToken_ShouldReportBotToken")]
    public void Validate_WhenSlackTokenMalformed_ShouldReportBotTokenShape(string token)
    {
        var errors = Errors(Slack(botToken: token));

        errors.Keys.ShouldBe(["credentials.bot_token"]);
        errors["credentials.bot_token"].ShouldContain("Must be a Slack bot token (starts with 'xoxb-').");
    }

    [Test]
    public void Validate_WhenSlackTokenLongerThan255_ShouldReportBotToken()
    {
        var token = "xoxb-" + new string('a', 251);

        var errors = Errors(Slack(botToken: token));

        errors.Keys.ShouldBe(["credentials.bot_token"]);
        Errors(Slack(botToken: "xoxb-" + new string('a', 250))).ShouldBeEmpty();
    }

    [TestCase(16)]
    [TestCase(128)]
    public void Validate_WhenSigningSecretLengthAtBound_ShouldHaveNoErrors(int length)
    {
        Assert.That(Errors(Slack(signingSecret: new string('a', length - 1) + "9")), Is.Empty);
    }

    [TestCase("abcdefghijklmno", TestName = "Validate_WhenSigningSecretHas15Characters_ShouldReportSigningSecret")]
    [TestCase("abcdefghijklmnop-", TestName = "Validate_WhenSigningSecretHasHyphen_ShouldReportSigningSecret")]
    [TestCase("abcdefgh ijklmnop", TestName = "Validate_WhenSigningSecretHasSpace_ShouldReportSigningSecret")]
    [TestCase("abcdéfghijklmnopq", TestName = "Validate_WhenSigningSecretHasNonAsciiLetter_ShouldReportSigningSecret")]
    public void Validate_WhenSigningSecretMalformed_ShouldReportSigningSecret(string secret)
    {
        var errors = Errors(Slack(signingSecret: secret));

        errors.Keys.ShouldBe(["credentials.signing_secret"]);
        errors["credentials.signing_secret"].ShouldBe(["Must be a Slack signing secret (16–128 letters and digits)."]);
    }

    [Test]
    public void Validate_WhenSigningSecretHas129Characters_ShouldReportSigningSecret()
    {
        Errors(Slack(signingSecret: new string('b', 129))).Keys.ShouldBe(["credentials.signing_secret"]);
    }

    [Test]
    public void Validate_WhenSlackGivenGuildId_ShouldRejectIt()
    {
        var errors = Errors(Slack(guildId: DiscordGuildId));

        errors.Keys.ShouldBe(["credentials.guild_id"]);
        errors["credentials.guild_id"].ShouldBe(["Is not a Slack credential."]);
    }

    // ---------- Discord ----------

    [TestCase("abc.def.ghi", TestName = "Validate_WhenDiscordTokenShorterThan20_ShouldReportBotToken")]
    [TestCase("MTIzNDU2Nzg5MDEyMzQ1Njc4GaBcDeabcdefgh", TestName = "Validate_WhenDiscordTokenHasOnePart_ShouldReportBotToken")]
    [TestCase("MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDeabcdefgh", TestName = "Validate_WhenDiscordTokenHasTwoParts_ShouldReportBotToken")]
    [TestCase("MTIzNDU2Nzg5MDEy.MzQ1Njc4.GaBcDe.abcdefgh", TestName = "Validate_WhenDiscordTokenHasFourParts_ShouldReportBotToken")]
    [TestCase("MTIzNDU2Nzg5MDEyMzQ1Njc4..abcdefghijkl", TestName = "Validate_WhenDiscordTokenHasEmptyPart_ShouldReportBotToken")]
    [TestCase("Bot MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefgh", TestName = "Validate_WhenDiscordTokenHasBotPrefix_ShouldReportBotToken")]
    [TestCase(SlackBotToken, TestName = "Validate_WhenDiscordGivenASlackToken_ShouldReportBotToken")]
    public void Validate_WhenDiscordTokenMalformed_ShouldReportBotToken(string token)
    {
        var errors = Errors(Discord(botToken: token));

        errors.Keys.ShouldBe(["credentials.bot_token"]);
    }

    [Test]
    public void Validate_WhenDiscordTokenLengthAtBounds_ShouldHaveNoErrors()
    {
        var shortest = "aaaaaa.bbbbbb.cccccc"; // 20
        var longest = new string('a', 100) + "." + new string('b', 49) + "." + new string('c', 49); // 200

        shortest.Length.ShouldBe(20);
        longest.Length.ShouldBe(200);
        Errors(Discord(botToken: shortest)).ShouldBeEmpty();
        Errors(Discord(botToken: longest)).ShouldBeEmpty();
    }

    [Test]
    public void Validate_WhenDiscordTokenJustOutsideLengthBounds_ShouldReportBotToken()
    {
        Errors(Discord(botToken: "aaaaa.bbbbbb.cccccc")).Keys.ShouldBe(["credentials.bot_token"]);
        Errors(Discord(botToken: new string('a', 101) + "." + new string('b', 49) + "." + new string('c', 49))).Keys
            .ShouldBe(["credentials.bot_token"]);
    }

    [TestCase("12345678901234567")]
    [TestCase("12345678901234567890")]
    public void Validate_WhenGuildIdHas17To20Digits_ShouldHaveNoErrors(string guildId)
    {
        Assert.That(Errors(Discord(guildId: guildId)), Is.Empty);
    }

    [TestCase("1234567890123456", TestName = "Validate_WhenGuildIdHas16Digits_ShouldReportGuildId")]
    [TestCase("123456789012345678901", TestName = "Validate_WhenGuildIdHas21Digits_ShouldReportGuildId")]
    [TestCase("12345678901234567a", TestName = "Validate_WhenGuildIdHasLetter_ShouldReportGuildId")]
    [TestCase("-12345678901234567", TestName = "Validate_WhenGuildIdNegative_ShouldReportGuildId")]
    [TestCase("１２３４５６７８９０１２３４５６７", TestName = "Validate_WhenGuildIdFullWidthDigits_ShouldReportGuildId")]
    public void Validate_WhenGuildIdNotASnowflake_ShouldReportGuildId(string guildId)
    {
        var errors = Errors(Discord(guildId: guildId));

        errors.Keys.ShouldBe(["credentials.guild_id"]);
        errors["credentials.guild_id"].ShouldBe(["Must be a Discord guild id (a snowflake of 17–20 digits)."]);
    }

    [Test]
    public void Validate_WhenDiscordGivenSigningSecret_ShouldRejectIt()
    {
        var errors = Errors(Discord(signingSecret: SlackSigningSecret));

        errors.Keys.ShouldBe(["credentials.signing_secret"]);
        errors["credentials.signing_secret"].ShouldBe(["Is not a Discord credential."]);
    }

    // ---------- settings ----------

    [TestCase(4)]
    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(10081)]
    public void Validate_WhenSyncIntervalOutOfBounds_ShouldReportSettingsPath(int minutes)
    {
        var errors = Errors(Slack(settings: new SettingsInput(minutes, null, null)));

        errors.Keys.ShouldBe(["settings.sync_interval_minutes"]);
        errors["settings.sync_interval_minutes"].ShouldBe(["Must be between 5 and 10080 minutes."]);
    }

    // ---------- name ----------

    [TestCase(null, "Must not be empty.")]
    [TestCase("   ", "Must not be empty.")]
    [TestCase("evil\u202Ename", "Must not contain control, invisible or bidirectional-override characters.")]
    [TestCase("line\nbreak", "Must not contain control, invisible or bidirectional-override characters.")]
    public void Validate_WhenNameInvalid_ShouldReportName(string? name, string message)
    {
        var errors = Errors(Slack(name: name));

        errors.Keys.ShouldBe(["name"]);
        errors["name"].ShouldBe([message]);
    }

    [Test]
    public void Validate_WhenNameHas101Characters_ShouldReportNameButAccept100()
    {
        Errors(Slack(name: new string('n', 101)))["name"].ShouldBe(["Must be at most 100 characters."]);
        Errors(Slack(name: new string('n', 100))).ShouldBeEmpty();
    }

    [Test]
    public void Validate_WhenSeveralFieldsInvalid_ShouldReportEachUnderItsOwnPath()
    {
        var command = new CreateConnectionCommand("slack", "", new CredentialsInput("nope", "short", "123"), new SettingsInput(1, null, null));

        var errors = Errors(command);

        errors.Keys.ShouldBe(
            ["name", "credentials.bot_token", "credentials.signing_secret", "credentials.guild_id", "settings.sync_interval_minutes"],
            ignoreOrder: true);
    }

    // ---------- secrets never echoed ----------

    private static IEnumerable<TestCaseData> RejectedSecrets()
    {
        yield return new TestCaseData(new CreateConnectionCommand("slack", "n", new CredentialsInput("xoxp-CANARY0000secret", SlackSigningSecret, null), null), "CANARY0000secret")
            .SetArgDisplayNames("slack user token");
        yield return new TestCaseData(new CreateConnectionCommand("slack", "n", new CredentialsInput("xoxb-" + new string('Q', 300), SlackSigningSecret, null), null), new string('Q', 300))
            .SetArgDisplayNames("slack token too long");
        yield return new TestCaseData(new CreateConnectionCommand("slack", "n", new CredentialsInput(SlackBotToken, "CANARY-signing-secret", null), null), "CANARY-signing-secret")
            .SetArgDisplayNames("slack signing secret");
        yield return new TestCaseData(new CreateConnectionCommand("discord", "n", new CredentialsInput("CANARYtok", DiscordGuildId, DiscordGuildId), null), "CANARYtok")
            .SetArgDisplayNames("discord token too short");
        yield return new TestCaseData(new CreateConnectionCommand("discord", "n", new CredentialsInput(DiscordBotToken + "." + "CANARYpart", null, DiscordGuildId), null), "CANARYpart")
            .SetArgDisplayNames("discord token four parts");
        yield return new TestCaseData(new CreateConnectionCommand("discord", "n", new CredentialsInput(DiscordBotToken, "CANARYsigningSecret1", DiscordGuildId), null), "CANARYsigningSecret1")
            .SetArgDisplayNames("discord given signing secret");
    }

    [TestCaseSource(nameof(RejectedSecrets))]
    public void Validate_WhenSecretRejected_ShouldNeverEchoItInAMessage(CreateConnectionCommand command, string secret)
    {
        var result = _validator.Validate(command);

        result.IsValid.ShouldBeFalse();
        result.Errors.ShouldAllBe(e => !e.ErrorMessage.Contains(secret, StringComparison.Ordinal));
        result.Errors.ShouldAllBe(e => !e.ErrorMessage.Contains("CANARY", StringComparison.Ordinal));
    }
}
