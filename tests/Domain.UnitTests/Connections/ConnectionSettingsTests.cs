using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Domain.UnitTests.Connections;

[TestFixture]
public class ConnectionSettingsTests
{
    [Test]
    public void Default_WhenRead_ShouldBe240MinutesWithWikiAndGraphEnabled()
    {
        var settings = ConnectionSettings.Default;

        Assert.That(settings.SyncIntervalMinutes, Is.EqualTo(240));
        Assert.That(settings.WikiEnabled, Is.True);
        Assert.That(settings.GraphEnabled, Is.True);
    }

    [TestCase(5)]
    [TestCase(6)]
    [TestCase(240)]
    [TestCase(10079)]
    [TestCase(10080)]
    public void Create_WhenIntervalWithinBounds_ShouldSucceed(int minutes)
    {
        var result = ConnectionSettings.Create(minutes, wikiEnabled: false, graphEnabled: true);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value.SyncIntervalMinutes, Is.EqualTo(minutes));
        Assert.That(result.Value.WikiEnabled, Is.False);
        Assert.That(result.Value.GraphEnabled, Is.True);
    }

    [TestCase(int.MinValue)]
    [TestCase(-1)]
    [TestCase(0)]
    [TestCase(4)]
    [TestCase(10081)]
    [TestCase(int.MaxValue)]
    public void Create_WhenIntervalOutOfBounds_ShouldFailKeyedBySettingsPath(int minutes)
    {
        var result = ConnectionSettings.Create(minutes, true, true);

        var error = result.Error.ShouldBeOfType<ValidationError>();
        error.Errors.Keys.ShouldBe(["settings.sync_interval_minutes"]);
        error.Errors["settings.sync_interval_minutes"].ShouldBe(["Must be between 5 and 10080 minutes."]);
    }

    [Test]
    public void Create_WhenSameValuesAsDefault_ShouldBeEqualToDefault()
    {
        ConnectionSettings.Create(240, true, true).Value.ShouldBe(ConnectionSettings.Default);
    }

    [Test]
    public void With_WhenAllNull_ShouldKeepEveryValue()
    {
        var original = ConnectionSettings.Create(30, false, true).Value;

        var changed = original.With(null, null, null).Value;

        changed.ShouldBe(original);
    }

    [Test]
    public void With_WhenOnlyIntervalGiven_ShouldChangeOnlyTheInterval()
    {
        var original = ConnectionSettings.Create(30, false, true).Value;

        var changed = original.With(60, null, null).Value;

        Assert.That(changed.SyncIntervalMinutes, Is.EqualTo(60));
        Assert.That(changed.WikiEnabled, Is.False);
        Assert.That(changed.GraphEnabled, Is.True);
    }

    [Test]
    public void With_WhenOnlyFlagsGiven_ShouldChangeOnlyTheFlags()
    {
        var original = ConnectionSettings.Create(30, false, true).Value;

        var changed = original.With(null, true, false).Value;

        Assert.That(changed.SyncIntervalMinutes, Is.EqualTo(30));
        Assert.That(changed.WikiEnabled, Is.True);
        Assert.That(changed.GraphEnabled, Is.False);
    }

    [Test]
    public void With_WhenCalled_ShouldNotMutateTheOriginal()
    {
        var original = ConnectionSettings.Default;

        _ = original.With(5, false, false);

        original.SyncIntervalMinutes.ShouldBe(240);
        original.WikiEnabled.ShouldBeTrue();
        original.GraphEnabled.ShouldBeTrue();
    }

    [TestCase(4)]
    [TestCase(10081)]
    public void With_WhenIntervalOutOfBounds_ShouldFailKeyedBySettingsPath(int minutes)
    {
        var result = ConnectionSettings.Default.With(minutes, null, null);

        result.Error.ShouldBeOfType<ValidationError>().Errors.Keys.ShouldBe(["settings.sync_interval_minutes"]);
    }
}
