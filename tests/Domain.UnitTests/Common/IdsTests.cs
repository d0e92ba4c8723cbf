using System.Text.RegularExpressions;
using Connections.Domain.Common;

namespace Connections.Domain.UnitTests.Common;

[TestFixture]
public partial class IdsTests
{
    private const string CrockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    [GeneratedRegex("^conn_[0-9A-HJKMNP-TV-Z]{26}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionIdShape();

    [Test]
    public void New_WhenCalled_ShouldBePrefixFollowedByTwentySixCrockfordCharacters()
    {
        var id = Ids.New("conn_", T0);

        Assert.That(id, Does.StartWith("conn_"));
        Assert.That(id, Has.Length.EqualTo("conn_".Length + Ids.BodyLength));
        Assert.That(Ids.BodyLength, Is.EqualTo(26));
        Assert.That(id, Does.Match(ConnectionIdShape()));
    }

    [Test]
    public void New_WhenManyCreated_ShouldNeverUseAmbiguousLettersOrLowerCase()
    {
        var bodies = Enumerable.Range(0, 2000).Select(i => Ids.New("x_", T0.AddMilliseconds(i))[2..]).ToList();

        var usedCharacters = bodies.SelectMany(b => b).Distinct().ToList();

        usedCharacters.ShouldAllBe(c => CrockfordAlphabet.Contains(c, StringComparison.Ordinal));
        usedCharacters.ShouldNotContain('I');
        usedCharacters.ShouldNotContain('L');
        usedCharacters.ShouldNotContain('O');
        usedCharacters.ShouldNotContain('U');
    }

    [Test]
    public void New_WhenGivenKnownUlidTimestamp_ShouldEncodeItInTheFirstTenCharacters()
    {
        // Test vector from the ULID specification: 1469918176385 ms → 01ARYZ6S41.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1469918176385);

        var id = Ids.New("k_", now);

        Assert.That(id.Substring(2, 10), Is.EqualTo("01ARYZ6S41"));
    }

    [Test]
    public void New_WhenCalled_ShouldDecodeBackToTheMillisecondTimestamp()
    {
        var now = new DateTimeOffset(2031, 7, 4, 23, 59, 58, 123, TimeSpan.FromHours(2));

        var id = Ids.New("conn_", now);

        DecodeTimestamp(id["conn_".Length..]).ShouldBe(now.ToUnixTimeMilliseconds());
    }

    [Test]
    public void New_WhenCreatedAtIncreasingTimes_ShouldSortOrdinallyInCreationOrder()
    {
        var times = new List<DateTimeOffset>();
        for (var i = 0; i < 500; i++)
        {
            times.Add(T0.AddMilliseconds(i));
        }

        // Far-apart instants too: a sort bug that only shows when high digits change.
        times.Add(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        times.Add(new DateTimeOffset(3000, 6, 1, 0, 0, 0, TimeSpan.Zero));
        times.Add(new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero));
        times.Insert(0, new DateTimeOffset(1970, 1, 1, 0, 0, 0, 1, TimeSpan.Zero));
        var created = times.Select(t => Ids.New("conn_", t)).ToList();

        var sorted = created.OrderBy(id => id, StringComparer.Ordinal).ToList();

        Assert.That(sorted, Is.EqualTo(created));
    }

    [Test]
    public void New_WhenManyCreatedInTheSameMillisecond_ShouldAllBeDistinct()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => Ids.New("conn_", T0)).ToList();

        Assert.That(ids, Is.Unique);
        // Same instant → same time part; uniqueness comes from the 80 random bits.
        Assert.That(ids.Select(id => id[..15]).Distinct().Count(), Is.EqualTo(1));
    }

    [TestCase(null)]
    [TestCase("")]
    public void New_WhenPrefixMissing_ShouldThrowArgumentException(string? prefix)
    {
        Should.Throw<ArgumentException>(() => Ids.New(prefix!, T0)).ParamName.ShouldBe("prefix");
    }

    [Test]
    public void IsValid_WhenFreshlyCreatedId_ShouldBeTrue()
    {
        var id = Ids.New("conn_", T0);

        Assert.That(Ids.IsValid(id, "conn_"), Is.True);
    }

    [Test]
    public void IsValid_WhenFirstBodyCharacterAboveSeven_ShouldBeFalse()
    {
        // 26 base32 characters hold 130 bits; New never sets the top two, so '8'..'Z' first cannot be ours.
        Assert.That(Ids.IsValid("conn_7ZZZZZZZZZZZZZZZZZZZZZZZZZ", "conn_"), Is.True);
        Assert.That(Ids.IsValid("conn_8ZZZZZZZZZZZZZZZZZZZZZZZZZ", "conn_"), Is.False);
    }

    [Test]
    public void IsValid_WhenPrefixDiffers_ShouldBeFalse()
    {
        var id = Ids.New("key_", T0);

        Assert.That(Ids.IsValid(id, "conn_"), Is.False);
        Assert.That(Ids.IsValid("CONN_" + id["key_".Length..], "conn_"), Is.False);
    }

    [TestCase(null, TestName = "IsValid_WhenNull_ShouldBeFalse")]
    [TestCase("", TestName = "IsValid_WhenEmpty_ShouldBeFalse")]
    [TestCase("conn_", TestName = "IsValid_WhenPrefixOnly_ShouldBeFalse")]
    [TestCase("conn_01ARYZ6S41TSV4RRFFQ69G5FA", TestName = "IsValid_WhenBodyOneShort_ShouldBeFalse")]
    [TestCase("conn_01ARYZ6S41TSV4RRFFQ69G5FAVX", TestName = "IsValid_WhenBodyOneLong_ShouldBeFalse")]
    [TestCase("conn_01aryz6s41tsv4rrffq69g5fav", TestName = "IsValid_WhenBodyLowerCase_ShouldBeFalse")]
    [TestCase("conn_01ARYZ6S41TSV4RRFFQ69G5FAI", TestName = "IsValid_WhenBodyContainsI_ShouldBeFalse")]
    [TestCase("conn_01ARYZ6S41TSV4RRFFQ69G5FAL", TestName = "IsValid_WhenBodyContainsL_ShouldBeFalse")]
    [TestCase("conn_01ARYZ6S41TSV4RRFFQ69G5FAO", TestName = "IsValid_WhenBodyContainsO_ShouldBeFalse")]
    [TestCase("conn_01ARYZ6S41TSV4RRFFQ69G5FAU", TestName = "IsValid_WhenBodyContainsU_ShouldBeFalse")]
    [TestCase("conn_01ARYZ6S41TSV4RRFFQ69G5FA-", TestName = "IsValid_WhenBodyContainsPunctuation_ShouldBeFalse")]
    [TestCase("conn_01ARYZ6S41TSV4RRFFQ69G5F V", TestName = "IsValid_WhenBodyContainsSpace_ShouldBeFalse")]
    [TestCase(" conn_01ARYZ6S41TSV4RRFFQ69G5FA", TestName = "IsValid_WhenLeadingSpace_ShouldBeFalse")]
    public void IsValid_WhenMalformed_ShouldBeFalse(string? id)
    {
        Assert.That(Ids.IsValid(id, "conn_"), Is.False);
    }

    [Test]
    public void IsValid_WhenSpecExampleBodyWithPrefix_ShouldBeTrue()
    {
        Assert.That(Ids.IsValid("conn_01ARYZ6S41TSV4RRFFQ69G5FAV", "conn_"), Is.True);
    }

    private static long DecodeTimestamp(string body)
    {
        long value = 0;
        foreach (var c in body[..10])
        {
            value = (value << 5) | (long)CrockfordAlphabet.IndexOf(c, StringComparison.Ordinal);
        }

        return value;
    }
}
