using Connections.Infrastructure.Platforms.Resilience;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

public class RetryAfterBudgetTests
{
    private static readonly ResilienceOptions Options = new()
    {
        TotalTimeout = TimeSpan.FromSeconds(30),
        MaxRetryAfter = TimeSpan.FromSeconds(10),
    };

    [Test]
    public void Allows_WhenTheWaitIsShortAndTheBudgetFresh_ShouldSitItOut()
    {
        RetryAfterBudget.Allows(TimeSpan.FromSeconds(2), TimeSpan.Zero, Options).ShouldBeTrue();
    }

    [Test]
    public void Allows_WhenTheWaitIsExactlyTheMaximum_ShouldSitItOut()
    {
        RetryAfterBudget.Allows(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), Options).ShouldBeTrue();
    }

    [Test]
    public void Allows_WhenTheWaitExceedsTheMaximum_ShouldGiveUp()
    {
        RetryAfterBudget.Allows(TimeSpan.FromSeconds(10.5), TimeSpan.Zero, Options).ShouldBeFalse();
    }

    [TestCase(25, 5)]
    [TestCase(25, 6)]
    [TestCase(29.5, 1)]
    public void Allows_WhenTheWaitDoesNotFitWhatIsLeftOfTheTotalTimeout_ShouldGiveUp(double elapsedSeconds, double waitSeconds)
    {
        var options = new ResilienceOptions { TotalTimeout = TimeSpan.FromSeconds(30), MaxRetryAfter = TimeSpan.FromMinutes(10) };

        RetryAfterBudget.Allows(TimeSpan.FromSeconds(waitSeconds), TimeSpan.FromSeconds(elapsedSeconds), options).ShouldBeFalse();
    }

    [Test]
    public void Allows_WhenTheWaitFitsJustBeforeTheBudgetEnds_ShouldSitItOut()
    {
        var options = new ResilienceOptions { TotalTimeout = TimeSpan.FromSeconds(30), MaxRetryAfter = TimeSpan.FromMinutes(10) };

        RetryAfterBudget.Allows(TimeSpan.FromSeconds(4.9), TimeSpan.FromSeconds(25), options).ShouldBeTrue();
    }
}
