using System.Buffers.Text;
using System.Text;
using Connections.Application.Common.Models;
using Connections.Application.Syncs;
using Connections.Application.UnitTests.Connections;

namespace Connections.Application.UnitTests.Syncs;

[TestFixture]
public class GetSyncRunsQueryValidatorTests
{
    private const string ConnectionId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";
    private const string CursorMessage = "Is not a cursor this API issued; use the Link header's next URL as it is.";

    private readonly GetSyncRunsQueryValidator _validator = new();

    private Dictionary<string, string[]> Errors(GetSyncRunsQuery query) => _validator.Validate(query).ByField();

    [Test]
    public void Validate_WhenDefaults_ShouldHaveNoErrors()
    {
        var query = new GetSyncRunsQuery(ConnectionId);

        query.Limit.ShouldBe(20);
        GetSyncRunsQuery.MaxLimit.ShouldBe(100);
        Errors(query).ShouldBeEmpty();
    }

    [TestCase(1)]
    [TestCase(100)]
    public void Validate_WhenLimitAtBounds_ShouldHaveNoErrors(int limit)
    {
        Errors(new GetSyncRunsQuery(ConnectionId, limit)).ShouldBeEmpty();
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(101)]
    [TestCase(500)]
    public void Validate_WhenLimitOutOfBounds_ShouldReportLimit(int limit)
    {
        var errors = Errors(new GetSyncRunsQuery(ConnectionId, limit));

        errors.Keys.ShouldBe(["limit"]);
        errors["limit"].ShouldHaveSingleItem().ShouldContain("between 1 and 100");
    }

    [Test]
    public void Validate_WhenCursorIssuedForARunId_ShouldHaveNoErrors()
    {
        var cursor = PageCursor.Encode("sync_01ARYZ6S41TSV4RRFFQ69G5FAV");

        Errors(new GetSyncRunsQuery(ConnectionId, 10, cursor)).ShouldBeEmpty();
    }

    [TestCase("", TestName = "Validate_WhenSyncCursorEmpty_ShouldReportCursor")]
    [TestCase("not a cursor", TestName = "Validate_WhenSyncCursorNotBase64_ShouldReportCursor")]
    [TestCase("djE6", TestName = "Validate_WhenSyncCursorHasNoKey_ShouldReportCursor")]
    public void Validate_WhenCursorDoesNotDecode_ShouldReportCursor(string cursor)
    {
        var errors = Errors(new GetSyncRunsQuery(ConnectionId, 10, cursor));

        errors.Keys.ShouldBe(["cursor"]);
        errors["cursor"].ShouldBe([CursorMessage]);
    }

    [Test]
    public void Validate_WhenCursorHasAnotherVersion_ShouldReportCursor()
    {
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("v2:sync_01ARYZ6S41TSV4RRFFQ69G5FAV"));

        Errors(new GetSyncRunsQuery(ConnectionId, 10, cursor)).Keys.ShouldBe(["cursor"]);
    }

    [Test]
    public void Validate_WhenLimitAndCursorWrong_ShouldReportBoth()
    {
        Errors(new GetSyncRunsQuery(ConnectionId, 0, "%%%")).Keys.ShouldBe(["limit", "cursor"], ignoreOrder: true);
    }
}
