using System.Globalization;
using System.Text;
using Connections.Application.Webhooks.Commands.ReceiveSlackEvent;
using Connections.Application.Webhooks.Common;

namespace Connections.Application.UnitTests.Webhooks;

[TestFixture]
public class SlackSignatureTests
{
    // Slack's documented example ("Verifying requests from Slack", api.slack.com/authentication/verifying-requests-from-slack).
    private const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar"
        + "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
        + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string ExpectedSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private static readonly byte[] BodyBytes = Encoding.UTF8.GetBytes(Body);
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    private static string Seconds(DateTimeOffset instant) => instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    // ---------- Compute ----------

    [Test]
    public void Compute_WhenGivenSlacksDocumentedExample_ShouldProduceTheDocumentedSignature()
    {
        var signature = SlackSignature.Compute(SigningSecret, Timestamp, BodyBytes);

        signature.ShouldBe(ExpectedSignature);
    }

    [Test]
    public void Compute_WhenTimestampDiffers_ShouldProduceADifferentSignature()
    {
        SlackSignature.Compute(SigningSecret, "1531420619", BodyBytes).ShouldNotBe(ExpectedSignature);
    }

    [Test]
    public void Compute_WhenBodyIsEmpty_ShouldStillBeAV0LowerHexSignature()
    {
        var signature = SlackSignature.Compute(SigningSecret, Timestamp, []);

        signature.ShouldMatch("^v0=[0-9a-f]{64}$");
        signature.ShouldNotBe(ExpectedSignature);
    }

    [Test]
    public void Compute_WhenSecretNull_ShouldThrow()
    {
        Should.Throw<ArgumentNullException>(() => SlackSignature.Compute(null!, Timestamp, BodyBytes));
    }

    // ---------- Matches ----------

    [Test]
    public void Matches_WhenSignatureIsSlacksExample_ShouldBeTrue()
    {
        SlackSignature.Matches(SigningSecret, Timestamp, BodyBytes, ExpectedSignature).ShouldBeTrue();
    }

    [Test]
    public void Matches_WhenOneHexCharacterFlipped_ShouldBeFalse()
    {
        var flipped = ExpectedSignature[..^1] + (ExpectedSignature[^1] == '3' ? '4' : '3');

        SlackSignature.Matches(SigningSecret, Timestamp, BodyBytes, flipped).ShouldBeFalse();
    }

    [TestCase("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50", TestName = "Matches_WhenOneCharacterShort_ShouldBeFalse")]
    [TestCase("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5030", TestName = "Matches_WhenOneCharacterLong_ShouldBeFalse")]
    [TestCase("a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", TestName = "Matches_WhenVersionPrefixMissing_ShouldBeFalse")]
    [TestCase("v0=A2114D57B48EAC39B9AD189DD8316235A7B4A8D21A10BD27519666489C69B503", TestName = "Matches_WhenHexUpperCase_ShouldBeFalse")]
    [TestCase("", TestName = "Matches_WhenEmpty_ShouldBeFalse")]
    public void Matches_WhenPresentedSignatureIsNotTheExpectedText_ShouldBeFalse(string presented)
    {
        SlackSignature.Matches(SigningSecret, Timestamp, BodyBytes, presented).ShouldBeFalse();
    }

    [Test]
    public void Matches_WhenSecretDiffers_ShouldBeFalse()
    {
        SlackSignature.Matches("8f742231b10e8888abcd99yyyzzz85a6", Timestamp, BodyBytes, ExpectedSignature).ShouldBeFalse();
    }

    [Test]
    public void Matches_WhenOneBodyByteChanged_ShouldBeFalse()
    {
        var tampered = (byte[])BodyBytes.Clone();
        tampered[^1] ^= 0x01;

        SlackSignature.Matches(SigningSecret, Timestamp, tampered, ExpectedSignature).ShouldBeFalse();
    }

    [Test]
    public void Matches_WhenTimestampReplaced_ShouldBeFalse()
    {
        SlackSignature.Matches(SigningSecret, "1531420700", BodyBytes, ExpectedSignature).ShouldBeFalse();
    }

    // ---------- IsFresh ----------

    [Test]
    public void MaxAge_ShouldBeFiveMinutes()
    {
        SlackSignature.MaxAge.ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Test]
    public void IsFresh_WhenTimestampIsNow_ShouldBeTrue()
    {
        SlackSignature.IsFresh(Timestamp, Now).ShouldBeTrue();
    }

    [TestCase(-300, TestName = "IsFresh_WhenExactlyFiveMinutesOld_ShouldBeTrue")]
    [TestCase(300, TestName = "IsFresh_WhenExactlyFiveMinutesAhead_ShouldBeTrue")]
    [TestCase(-299, TestName = "IsFresh_WhenJustUnderFiveMinutesOld_ShouldBeTrue")]
    public void IsFresh_WhenWithinFiveMinutes_ShouldBeTrue(int offsetSeconds)
    {
        SlackSignature.IsFresh(Seconds(Now.AddSeconds(offsetSeconds)), Now).ShouldBeTrue();
    }

    [TestCase(-301, TestName = "IsFresh_WhenOneSecondOverFiveMinutesOld_ShouldBeFalse")]
    [TestCase(301, TestName = "IsFresh_WhenOneSecondOverFiveMinutesAhead_ShouldBeFalse")]
    [TestCase(-360, TestName = "IsFresh_WhenSixMinutesOld_ShouldBeFalse")]
    [TestCase(360, TestName = "IsFresh_WhenSixMinutesAhead_ShouldBeFalse")]
    public void IsFresh_WhenBeyondFiveMinutes_ShouldBeFalse(int offsetSeconds)
    {
        SlackSignature.IsFresh(Seconds(Now.AddSeconds(offsetSeconds)), Now).ShouldBeFalse();
    }

    [Test]
    public void IsFresh_WhenNowHasAFractionOfASecondPastTheBoundary_ShouldBeFalse()
    {
        // Five minutes and half a second old: the window is inclusive only up to exactly five minutes.
        SlackSignature.IsFresh(Timestamp, Now.AddMinutes(5).AddMilliseconds(500)).ShouldBeFalse();
    }

    [TestCase(null, TestName = "IsFresh_WhenNull_ShouldBeFalse")]
    [TestCase("", TestName = "IsFresh_WhenEmpty_ShouldBeFalse")]
    [TestCase("abc", TestName = "IsFresh_WhenNotANumber_ShouldBeFalse")]
    [TestCase("1531420618abc", TestName = "IsFresh_WhenTrailingLetters_ShouldBeFalse")]
    [TestCase("1531420618.5", TestName = "IsFresh_WhenFractional_ShouldBeFalse")]
    [TestCase(" 1531420618", TestName = "IsFresh_WhenLeadingSpace_ShouldBeFalse")]
    [TestCase("1531420618 ", TestName = "IsFresh_WhenTrailingSpace_ShouldBeFalse")]
    [TestCase("+1531420618", TestName = "IsFresh_WhenSigned_ShouldBeFalse")]
    [TestCase("1,531,420,618", TestName = "IsFresh_WhenThousandsSeparators_ShouldBeFalse")]
    [TestCase("0x5B4796CA", TestName = "IsFresh_WhenHex_ShouldBeFalse")]
    [TestCase("１５３１４２０６１８", TestName = "IsFresh_WhenFullWidthDigits_ShouldBeFalse")]
    public void IsFresh_WhenNotPlainUnixSeconds_ShouldBeFalse(string? timestamp)
    {
        SlackSignature.IsFresh(timestamp, Now).ShouldBeFalse();
    }

    [TestCase("253402300798", TestName = "IsFresh_WhenLastSecondBeforeYear10000_ShouldBeFalse")]
    [TestCase("253402300799", TestName = "IsFresh_WhenLastRepresentableSecond_ShouldBeFalse")]
    [TestCase("253402300800", TestName = "IsFresh_WhenPastDateTimeOffsetMax_ShouldBeFalse")]
    [TestCase("9223372036854775807", TestName = "IsFresh_WhenLongMaxValue_ShouldBeFalse")]
    [TestCase("9223372036854775808", TestName = "IsFresh_WhenOverflowingLong_ShouldBeFalse")]
    [TestCase("99999999999999999999999999999999", TestName = "IsFresh_WhenAbsurdlyLong_ShouldBeFalse")]
    [TestCase("0", TestName = "IsFresh_WhenUnixEpoch_ShouldBeFalse")]
    public void IsFresh_WhenHugeOrAncient_ShouldBeFalseWithoutThrowing(string timestamp)
    {
        SlackSignature.IsFresh(timestamp, Now).ShouldBeFalse();
    }

    [Test]
    public void IsFresh_WhenNowIsNearTheEndOfTime_ShouldAcceptTheMatchingTimestamp()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(253402300000);

        SlackSignature.IsFresh("253402300000", now).ShouldBeTrue();
    }

    [Test]
    public void IsFresh_WhenNowIsInAnotherOffset_ShouldCompareInstants()
    {
        var nowInTokyo = Now.ToOffset(TimeSpan.FromHours(9));

        SlackSignature.IsFresh(Timestamp, nowInTokyo).ShouldBeTrue();
    }

    // ---------- ReceiveSlackEventCommand ----------

    [Test]
    public void ReceiveSlackEventCommandToString_WhenCarryingABody_ShouldShowOnlyItsLength()
    {
        var command = new ReceiveSlackEventCommand(BodyBytes, Timestamp, ExpectedSignature);

        var text = command.ToString();

        text.ShouldBe($"ReceiveSlackEventCommand {{ Bytes = {BodyBytes.Length} }}");
        text.ShouldNotContain("xyzz0WbapA4vBCDEFasx0q6G");
        text.ShouldNotContain("token=");
        text.ShouldNotContain(ExpectedSignature);
    }

    [Test]
    public void ReceiveSlackEventCommandToString_WhenBodyIsJsonWithAToken_ShouldNotContainAnyOfIt()
    {
        var body = Encoding.UTF8.GetBytes("""{"token":"CANARY-verification-token","type":"event_callback","event":{"text":"CANARY secret text"}}""");
        var command = new ReceiveSlackEventCommand(body, null, null);

        var text = command.ToString();

        text.ShouldNotContain("CANARY");
        text.ShouldNotContain("event_callback");
        text.ShouldContain(body.Length.ToString(CultureInfo.InvariantCulture));
    }
}
