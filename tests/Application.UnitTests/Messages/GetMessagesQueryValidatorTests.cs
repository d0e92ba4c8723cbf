using Connections.Application.Messages.Queries.GetMessages;
using Connections.Application.UnitTests.Connections;

namespace Connections.Application.UnitTests.Messages;

[TestFixture]
public class GetMessagesQueryValidatorTests
{
    private const string ConnectionId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";

    private static readonly DateTimeOffset Since = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly GetMessagesQueryValidator _validator = new();

    private Dictionary<string, string[]> Errors(GetMessagesQuery query) => _validator.Validate(query).ByField();

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

    [Test]
    public void Validate_WhenEverythingWrong_ShouldReportEachParameter()
    {
        var errors = Errors(new GetMessagesQuery(
            ConnectionId,
            ChannelId: new string('C', 65),
            Since: Since,
            Until: Since.AddDays(-1),
            Q: new string('q', 201),
            Limit: 0));

        errors.Keys.ShouldBe(["limit", "q", "channel_id", "until"], ignoreOrder: true);
    }
}
