using System.Buffers.Text;
using System.Text;
using Connections.Application.Common.Models;

namespace Connections.Application.UnitTests.Common;

[TestFixture]
public class PageCursorTests
{
    private const string LastId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";

    [TestCase(LastId)]
    [TestCase("a")]
    [TestCase("key with spaces/and+symbols=")]
    [TestCase("ünïcødé 東京")]
    public void TryDecode_WhenCursorWasEncoded_ShouldReturnTheSameKey(string key)
    {
        var cursor = PageCursor.Encode(key);

        var decoded = PageCursor.TryDecode(cursor, out var lastKey);

        Assert.That(decoded, Is.True);
        Assert.That(lastKey, Is.EqualTo(key));
    }

    [Test]
    public void Encode_WhenCalled_ShouldBeUrlSafeAndNotShowTheKeyInPlainText()
    {
        var cursor = PageCursor.Encode(LastId + "?>>>");

        Assert.That(cursor, Does.Match("^[A-Za-z0-9_-]+$"));
        Assert.That(cursor, Does.Not.Contain("conn_"));
    }

    [Test]
    public void Encode_WhenCalled_ShouldCarryTheVersionPrefix()
    {
        var cursor = PageCursor.Encode(LastId);

        Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).ShouldBe("v1:" + LastId);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not base64!")]
    [TestCase("%%%%")]
    [TestCase("a")] // a single base64 character cannot be a whole byte
    [TestCase("djE6")] // "v1:" with an empty key
    public void TryDecode_WhenGarbage_ShouldFailWithEmptyKey(string? cursor)
    {
        var decoded = PageCursor.TryDecode(cursor, out var lastKey);

        Assert.That(decoded, Is.False);
        Assert.That(lastKey, Is.Empty);
    }

    [TestCase("v2:" + LastId)]
    [TestCase("V1:" + LastId)]
    [TestCase(LastId)]
    [TestCase("v1" + LastId)]
    public void TryDecode_WhenValidBase64ButWrongVersion_ShouldFail(string payload)
    {
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));

        PageCursor.TryDecode(cursor, out var lastKey).ShouldBeFalse();
        lastKey.ShouldBeEmpty();
    }

    [Test]
    public void TryDecode_WhenVersionPartTampered_ShouldFail()
    {
        var cursor = PageCursor.Encode(LastId);
        var tampered = (cursor[0] == 'e' ? 'f' : 'e') + cursor[1..];

        PageCursor.TryDecode(tampered, out _).ShouldBeFalse();
    }

    [Test]
    public void TryDecode_WhenTruncatedMidCharacter_ShouldFail()
    {
        var cursor = PageCursor.Encode(LastId);

        // Drop characters until the length is 1 mod 4, which no base64 text can have.
        var truncated = cursor[..(cursor.Length - ((cursor.Length - 1) % 4))];

        (truncated.Length % 4).ShouldBe(1);
        PageCursor.TryDecode(truncated, out _).ShouldBeFalse();
    }

    [Test]
    public void TryDecode_WhenLongerThan256Characters_ShouldFail()
    {
        var cursor = PageCursor.Encode(new string('k', 300));

        cursor.Length.ShouldBeGreaterThan(256);
        PageCursor.TryDecode(cursor, out _).ShouldBeFalse();
    }

    [Test]
    public void TryDecode_WhenExactly256Characters_ShouldSucceed()
    {
        // 256 base64url characters carry 192 bytes: "v1:" plus a 189-character key.
        var cursor = PageCursor.Encode(new string('k', 189));

        cursor.Length.ShouldBe(256);
        PageCursor.TryDecode(cursor, out var lastKey).ShouldBeTrue();
        lastKey.Length.ShouldBe(189);
    }
}
