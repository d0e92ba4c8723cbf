using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Domain.UnitTests.Connections;

[TestFixture]
public class ConnectionNameTests
{
    [Test]
    public void Normalize_WhenSurroundedByWhitespace_ShouldReturnTrimmedName()
    {
        var result = ConnectionName.Normalize("  \t Team Alpha \n ");

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value, Is.EqualTo("Team Alpha"));
    }

    [Test]
    public void Normalize_WhenInnerSpacesPresent_ShouldKeepThem()
    {
        ConnectionName.Normalize("a  b").Value.ShouldBe("a  b");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\r\n")]
    [TestCase("\u00A0\u2003")]
    public void Normalize_WhenEmptyOrWhitespace_ShouldFailKeyedByName(string? raw)
    {
        var result = ConnectionName.Normalize(raw);

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Errors.Keys.ShouldBe(["name"]);
        error.Errors["name"].ShouldBe(["Must not be empty."]);
    }

    [Test]
    public void Normalize_WhenFieldGiven_ShouldKeyTheErrorByThatField()
    {
        var result = ConnectionName.Normalize("", "connection.name");

        result.Error.ShouldBeOfType<ValidationError>().Errors.Keys.ShouldBe(["connection.name"]);
    }

    [Test]
    public void Normalize_WhenExactly100Characters_ShouldSucceed()
    {
        var name = new string('a', ConnectionName.MaxLength);

        var result = ConnectionName.Normalize(name);

        Assert.That(ConnectionName.MaxLength, Is.EqualTo(100));
        Assert.That(result.Value, Is.EqualTo(name));
    }

    [Test]
    public void Normalize_When101Characters_ShouldFailWithLengthMessage()
    {
        var result = ConnectionName.Normalize(new string('a', 101));

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Errors["name"].ShouldBe(["Must be at most 100 characters."]);
    }

    [Test]
    public void Normalize_When100CharactersPlusSurroundingSpaces_ShouldSucceedBecauseLengthIsMeasuredAfterTrimming()
    {
        var name = new string('b', 100);

        ConnectionName.Normalize("   " + name + "   ").Value.ShouldBe(name);
    }

    [TestCase("bad\u0000name", TestName = "Normalize_WhenContainsNul_ShouldFail")]
    [TestCase("bad\u0007name", TestName = "Normalize_WhenContainsBell_ShouldFail")]
    [TestCase("bad\u001Bname", TestName = "Normalize_WhenContainsEscape_ShouldFail")]
    [TestCase("bad\tname", TestName = "Normalize_WhenContainsInnerTab_ShouldFail")]
    [TestCase("bad\nname", TestName = "Normalize_WhenContainsInnerNewLine_ShouldFail")]
    [TestCase("bad\u007Fname", TestName = "Normalize_WhenContainsDelete_ShouldFail")]
    [TestCase("bad\u0085name", TestName = "Normalize_WhenContainsC1NextLine_ShouldFail")]
    [TestCase("bad\u009Bname", TestName = "Normalize_WhenContainsC1Csi_ShouldFail")]
    public void Normalize_WhenContainsControlCharacter_ShouldFail(string raw)
    {
        var result = ConnectionName.Normalize(raw);

        result.Error.ShouldBeOfType<ValidationError>().Errors["name"]
            .ShouldBe(["Must not contain control, invisible or bidirectional-override characters."]);
    }

    [TestCase("\u202A")]
    [TestCase("\u202B")]
    [TestCase("\u202C")]
    [TestCase("\u202D")]
    [TestCase("\u202E")]
    [TestCase("\u2066")]
    [TestCase("\u2067")]
    [TestCase("\u2068")]
    [TestCase("\u2069")]
    [TestCase("\u200E")]
    [TestCase("\u200F")]
    [TestCase("\u061C")]
    [TestCase("\u2060")]
    [TestCase("\u200B")]
    [TestCase("\u200D")]
    [TestCase("\uFEFF")]
    [TestCase("\u2028")]
    public void Normalize_WhenContainsBidiOrInvisibleFormatCharacter_ShouldFail(string bidi)
    {
        // e.g. "invoice\u202Efdp.exe" renders as "invoiceexe.pdf".
        var result = ConnectionName.Normalize("invoice" + bidi + "fdp.exe");

        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBeOfType<ValidationError>().Errors["name"]
            .ShouldBe(["Must not contain control, invisible or bidirectional-override characters."]);
    }

    [Test]
    public void Normalize_WhenBidiOverrideIsTheWholeNameBetweenSpaces_ShouldFailRatherThanBeTrimmedAway()
    {
        ConnectionName.Normalize(" \u202E ").IsFailure.ShouldBeTrue();
    }

    [TestCase("Équipe Démo")]
    [TestCase("東京チーム")]
    [TestCase("Launch 🚀 team")]
    [TestCase("ops-alerts_2026 (prod)")]
    public void Normalize_WhenInternationalOrEmojiName_ShouldSucceedUnchanged(string name)
    {
        ConnectionName.Normalize(name).Value.ShouldBe(name);
    }

    [Test]
    public void FindProblem_WhenNameAcceptable_ShouldBeNull()
    {
        Assert.That(ConnectionName.FindProblem("  fine  "), Is.Null);
    }

    [Test]
    public void Key_WhenNamesDifferOnlyInCase_ShouldBeEqual()
    {
        var first = ConnectionName.Key("Team Alpha");
        var second = ConnectionName.Key("TEAM alpha");

        Assert.That(first, Is.EqualTo(second));
        Assert.That(first, Is.EqualTo("TEAM ALPHA"));
    }

    [Test]
    public void Key_WhenNonAsciiLettersDifferInCase_ShouldBeEqual()
    {
        ConnectionName.Key("équipe").ShouldBe(ConnectionName.Key("ÉQUIPE"));
    }

    [Test]
    public void Key_WhenNamesDifferInLetters_ShouldDiffer()
    {
        ConnectionName.Key("Team Alpha").ShouldNotBe(ConnectionName.Key("Team Alpha 2"));
    }
}
