using Connections.Application.Connections.Commands.UpdateChannelSelection;

namespace Connections.Application.UnitTests.Connections;

[TestFixture]
public class UpdateChannelSelectionCommandValidatorTests
{
    private const string IdsShapeMessage = "Ids must be non-empty strings of at most 64 characters.";
    private readonly UpdateChannelSelectionCommandValidator _validator = new();

    private Dictionary<string, string[]> Errors(IReadOnlyList<string>? ids, bool syncAll) =>
        _validator.Validate(new UpdateChannelSelectionCommand("conn_x", ids, syncAll)).ByField();

    [Test]
    public void Validate_WhenExplicitIds_ShouldHaveNoErrors()
    {
        Assert.That(Errors(["C001", "C002"], syncAll: false), Is.Empty);
    }

    [Test]
    public void Validate_WhenSyncAllWithoutIds_ShouldHaveNoErrors()
    {
        Assert.That(Errors(null, syncAll: true), Is.Empty);
        Assert.That(Errors([], syncAll: true), Is.Empty);
    }

    [Test]
    public void Validate_WhenNoIdsAndNotSyncAll_ShouldHaveNoErrors()
    {
        // An empty selection is legitimate: it stops syncing every channel.
        Assert.That(Errors([], syncAll: false), Is.Empty);
    }

    [Test]
    public void Validate_WhenSyncAllWithIds_ShouldReportChannelIds()
    {
        var errors = Errors(["C001"], syncAll: true);

        errors.Keys.ShouldBe(["channel_ids"]);
        errors["channel_ids"].ShouldBe(["Must be empty when sync_all is true: sync_all selects every channel."]);
    }

    [Test]
    public void Validate_WhenExactlyMaxIds_ShouldHaveNoErrors()
    {
        var ids = Enumerable.Range(0, UpdateChannelSelectionCommand.MaxChannelIds).Select(i => $"C{i:D6}").ToList();

        Assert.That(UpdateChannelSelectionCommand.MaxChannelIds, Is.EqualTo(5000));
        Assert.That(Errors(ids, syncAll: false), Is.Empty);
    }

    [Test]
    public void Validate_WhenMoreThanMaxIds_ShouldReportChannelIds()
    {
        var ids = Enumerable.Range(0, 5001).Select(i => $"C{i:D6}").ToList();

        Errors(ids, syncAll: false)["channel_ids"].ShouldBe(["At most 5000 ids."]);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void Validate_WhenAnIdIsBlank_ShouldReportChannelIds(string? blank)
    {
        var errors = Errors(["C001", blank!], syncAll: false);

        errors.Keys.ShouldBe(["channel_ids"]);
        errors["channel_ids"].ShouldBe([IdsShapeMessage]);
    }

    [Test]
    public void Validate_WhenAnIdIsLongerThan64_ShouldReportChannelIdsButAccept64()
    {
        Errors([new string('C', 65)], syncAll: false)["channel_ids"].ShouldBe([IdsShapeMessage]);
        Errors([new string('C', 64)], syncAll: false).ShouldBeEmpty();
    }
}
