using Connections.Application.Syncs.Queries.GetSyncRuns;
using Connections.Application.UnitTests.Connections;

namespace Connections.Application.UnitTests.Syncs;

[TestFixture]
public class GetSyncRunsQueryValidatorTests
{
    private const string ConnectionId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";

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
}
