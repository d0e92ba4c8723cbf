using Connections.Application.Connections.Queries.GetConnections;

namespace Connections.Application.UnitTests.Connections;

[TestFixture]
public class GetConnectionsQueryValidatorTests
{
    private readonly GetConnectionsQueryValidator _validator = new();

    private Dictionary<string, string[]> Errors(GetConnectionsQuery query) => _validator.Validate(query).ByField();

    [Test]
    public void Validate_WhenDefaults_ShouldHaveNoErrors()
    {
        var query = new GetConnectionsQuery(null, null);

        Assert.That(query.Limit, Is.EqualTo(100));
        Assert.That(Errors(query), Is.Empty);
    }

    [TestCase(1)]
    [TestCase(500)]
    public void Validate_WhenLimitAtBounds_ShouldHaveNoErrors(int limit)
    {
        Assert.That(Errors(new GetConnectionsQuery(null, null, limit)), Is.Empty);
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(501)]
    [TestCase(int.MaxValue)]
    public void Validate_WhenLimitOutOfBounds_ShouldReportLimit(int limit)
    {
        var errors = Errors(new GetConnectionsQuery(null, null, limit));

        errors.Keys.ShouldBe(["limit"]);
        errors["limit"].ShouldHaveSingleItem().ShouldContain("between 1 and 500");
    }

    [TestCase("slack")]
    [TestCase("discord")]
    public void Validate_WhenPlatformKnown_ShouldHaveNoErrors(string platform)
    {
        Assert.That(Errors(new GetConnectionsQuery(platform, null)), Is.Empty);
    }

    [TestCase("")]
    [TestCase("Slack")]
    [TestCase("teams")]
    public void Validate_WhenPlatformUnknown_ShouldReportPlatform(string platform)
    {
        var errors = Errors(new GetConnectionsQuery(platform, null));

        errors.Keys.ShouldBe(["platform"]);
        errors["platform"].ShouldBe(["Must be 'slack' or 'discord'."]);
    }

    [TestCase("connected")]
    [TestCase("disconnected")]
    [TestCase("error")]
    public void Validate_WhenStatusKnown_ShouldHaveNoErrors(string status)
    {
        Assert.That(Errors(new GetConnectionsQuery(null, status)), Is.Empty);
    }

    [TestCase("")]
    [TestCase("Connected")]
    [TestCase("failed")]
    [TestCase("1")]
    public void Validate_WhenStatusUnknown_ShouldReportStatus(string status)
    {
        var errors = Errors(new GetConnectionsQuery(null, status));

        errors.Keys.ShouldBe(["status"]);
        errors["status"].ShouldBe(["Must be 'connected', 'disconnected' or 'error'."]);
    }

    [Test]
    public void Validate_WhenEverythingWrong_ShouldReportEachParameter()
    {
        var errors = Errors(new GetConnectionsQuery("irc", "zombie", 0));

        errors.Keys.ShouldBe(["limit", "platform", "status"], ignoreOrder: true);
    }
}
