using System.Buffers.Text;
using System.Text;
using Connections.Application.Common.Models;
using Connections.Application.Messages;
using Connections.Application.UnitTests.Connections;

namespace Connections.Application.UnitTests.Messages;

[TestFixture]
public class GetMessagesQueryValidatorTests
{
    private const string ConnectionId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";
    private const string CursorMessage = "Is not a cursor this API issued; use the Link header's next URL as it is.";

    private static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly GetMessagesQueryValidator _validator = new();

    private Dictionary<string, string[]> Errors(GetMessagesQuery query) => _validator.Validate(query).ByField();

    private static string RawCursor(string payload) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));

    [Test]
    public void Validate_WhenDefaults_ShouldHaveNoErrors()
    {
        var query = new GetMessagesQuery(ConnectionId);

        query.Limit.ShouldBe(100);
        GetMessagesQuery.MaxLimit.ShouldBe(500);
        Errors(query).ShouldBeEmpty();
    }

    // ---------- limit ----------

    [TestCase(1)]
    [TestCase(500)]
    public void Validate_WhenLimitAtBounds_ShouldHaveNoErrors(int limit)
    {
        Errors(new GetMessagesQuery(ConnectionId, Limit: limit)).ShouldBeEmpty();
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(501)]
    [TestCase(int.MinValue)]
    public void Validate_WhenLimitOutOfBounds_ShouldReportLimit(int limit)
    {
        var errors = Errors(new GetMessagesQuery(ConnectionId, Limit: limit));

        errors.Keys.ShouldBe(["limit"]);
        errors["limit"].ShouldHaveSingleItem().ShouldContain("between 1 and 500");
    }

    // ---------- q and channel_id ----------

    [TestCase(null)]
    [TestCase("")]
    [TestCase("deploy")]
    public void Validate_WhenQueryTextAbsentOrShort_ShouldHaveNoErrors(string? q)
    {
        Errors(new GetMessagesQuery(ConnectionId, Q: q)).ShouldBeEmpty();
    }

    [Test]
    public void Validate_WhenQueryTextIsExactly200Characters_ShouldHaveNoErrors()
    {
        Errors(new GetMessagesQuery(ConnectionId, Q: new string('q', 200))).ShouldBeEmpty();
    }

    [Test]
    public void Validate_WhenQueryTextIs201Characters_ShouldReportQ()
    {
        var errors = Errors(new GetMessagesQuery(ConnectionId, Q: new string('q', 201)));

        errors.Keys.ShouldBe(["q"]);
        errors["q"].ShouldHaveSingleItem().ShouldContain("200");
    }

    [Test]
    public void Validate_WhenChannelIdTooLong_ShouldReportChannelIdInSnakeCase()
    {
        Errors(new GetMessagesQuery(ConnectionId, ChannelId: new string('C', 64))).ShouldBeEmpty();

        Errors(new GetMessagesQuery(ConnectionId, ChannelId: new string('C', 65))).Keys.ShouldBe(["channel_id"]);
    }

    // ---------- since / until ----------

    [Test]
    public void Validate_WhenUntilEqualsSince_ShouldHaveNoErrors()
    {
        Errors(new GetMessagesQuery(ConnectionId, Since: Since, Until: Since)).ShouldBeEmpty();
    }

    [Test]
    public void Validate_WhenUntilAfterSince_ShouldHaveNoErrors()
    {
        Errors(new GetMessagesQuery(ConnectionId, Since: Since, Until: Since.AddDays(1))).ShouldBeEmpty();
    }

    [Test]
    public void Validate_WhenUntilBeforeSince_ShouldReportUntil()
    {
        var errors = Errors(new GetMessagesQuery(ConnectionId, Since: Since, Until: Since.AddTicks(-1)));

        errors.Keys.ShouldBe(["until"]);
        errors["until"].ShouldBe(["Must not be before since."]);
    }

    [Test]
    public void Validate_WhenUntilIsTheSameInstantInAnotherOffset_ShouldHaveNoErrors()
    {
        var sameInstant = Since.ToOffset(TimeSpan.FromHours(-5));

        Errors(new GetMessagesQuery(ConnectionId, Since: Since, Until: sameInstant)).ShouldBeEmpty();
    }

    [Test]
    public void Validate_WhenOnlyOneBoundGiven_ShouldHaveNoErrors()
    {
        Errors(new GetMessagesQuery(ConnectionId, Since: Since)).ShouldBeEmpty();
        Errors(new GetMessagesQuery(ConnectionId, Until: Since)).ShouldBeEmpty();
    }

    // ---------- cursor ----------

    [Test]
    public void Validate_WhenCursorIssuedByTheMessagesQuery_ShouldHaveNoErrors()
    {
        var cursor = GetMessagesQuery.EncodeCursor(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero), 42);

        Errors(new GetMessagesQuery(ConnectionId, Cursor: cursor)).ShouldBeEmpty();
    }

    [Test]
    public void EncodeCursor_WhenDecoded_ShouldReturnTheSameUtcInstantAndKey()
    {
        var sentAt = new DateTimeOffset(2026, 1, 15, 11, 30, 0, 123, TimeSpan.FromHours(2));

        var cursor = GetMessagesQuery.EncodeCursor(sentAt, 9_000_000_001);

        GetMessagesQuery.TryDecodeCursor(cursor, out var decodedAt, out var key).ShouldBeTrue();
        decodedAt.ShouldBe(sentAt);
        decodedAt.Offset.ShouldBe(TimeSpan.Zero);
        key.ShouldBe(9_000_000_001);
    }

    [Test]
    public void Validate_WhenCursorIsAConnectionsListCursor_ShouldReportCursor()
    {
        var cursor = PageCursor.Encode(ConnectionId);

        var errors = Errors(new GetMessagesQuery(ConnectionId, Cursor: cursor));

        errors.Keys.ShouldBe(["cursor"]);
        errors["cursor"].ShouldBe([CursorMessage]);
    }

    [TestCase("", TestName = "Validate_WhenCursorEmpty_ShouldReportCursor")]
    [TestCase("not a cursor", TestName = "Validate_WhenCursorNotBase64_ShouldReportCursor")]
    [TestCase("%%%%", TestName = "Validate_WhenCursorIsPunctuation_ShouldReportCursor")]
    public void Validate_WhenCursorIsGarbage_ShouldReportCursor(string cursor)
    {
        Errors(new GetMessagesQuery(ConnectionId, Cursor: cursor))["cursor"].ShouldBe([CursorMessage]);
    }

    [TestCase("v1:639041418000000000", TestName = "Validate_WhenCursorHasNoKey_ShouldReportCursor")]
    [TestCase("v1:639041418000000000:42:7", TestName = "Validate_WhenCursorHasThreeParts_ShouldReportCursor")]
    [TestCase("v1:abc:42", TestName = "Validate_WhenCursorTicksNotANumber_ShouldReportCursor")]
    [TestCase("v1:639041418000000000:abc", TestName = "Validate_WhenCursorKeyNotANumber_ShouldReportCursor")]
    [TestCase("v1:-1:42", TestName = "Validate_WhenCursorTicksNegative_ShouldReportCursor")]
    [TestCase("v1:3155378976000000000:42", TestName = "Validate_WhenCursorTicksBeyondMaxDate_ShouldReportCursor")]
    [TestCase("v1:99999999999999999999:42", TestName = "Validate_WhenCursorTicksOverflowLong_ShouldReportCursor")]
    [TestCase("v2:639041418000000000:42", TestName = "Validate_WhenCursorHasAnotherVersion_ShouldReportCursor")]
    public void Validate_WhenCursorDecodesToSomethingThisApiDidNotIssue_ShouldReportCursor(string payload)
    {
        var errors = Errors(new GetMessagesQuery(ConnectionId, Cursor: RawCursor(payload)));

        errors.Keys.ShouldBe(["cursor"]);
        errors["cursor"].ShouldBe([CursorMessage]);
    }

    [Test]
    public void Validate_WhenCursorTicksAreExactlyTheMaxDate_ShouldHaveNoErrors()
    {
        var cursor = RawCursor($"v1:{DateTimeOffset.MaxValue.UtcTicks}:1");

        Errors(new GetMessagesQuery(ConnectionId, Cursor: cursor)).ShouldBeEmpty();
    }

    [Test]
    public void Validate_WhenEverythingWrong_ShouldReportEachParameter()
    {
        var errors = Errors(new GetMessagesQuery(
            ConnectionId,
            ChannelId: new string('C', 65),
            Since: Since,
            Until: Since.AddDays(-1),
            Q: new string('q', 201),
            Limit: 0,
            Cursor: "%%%"));

        errors.Keys.ShouldBe(["limit", "q", "channel_id", "until", "cursor"], ignoreOrder: true);
    }
}
