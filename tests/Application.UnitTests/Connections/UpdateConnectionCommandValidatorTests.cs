using Connections.Application.Connections.Commands.UpdateConnection;
using Connections.Application.Connections.Common;

namespace Connections.Application.UnitTests.Connections;

[TestFixture]
public class UpdateConnectionCommandValidatorTests
{
    private readonly UpdateConnectionCommandValidator _validator = new();

    [Test]
    public void Validate_WhenNothingProvided_ShouldReportBodyNeedsAtLeastOneField()
    {
        var errors = _validator.Validate(new UpdateConnectionCommand("conn_x", null, null, null)).ByField();

        errors.Keys.ShouldBe(["body"]);
        errors["body"].ShouldBe(["Provide at least one of name, credentials, settings."]);
    }

    private static IEnumerable<TestCaseData> SingleFieldUpdates()
    {
        yield return new TestCaseData(new UpdateConnectionCommand("conn_x", "New name", null, null)).SetArgDisplayNames("name");
        yield return new TestCaseData(new UpdateConnectionCommand("conn_x", null, new CredentialsInput("xoxb-1-2-abc", null, null), null))
            .SetArgDisplayNames("credentials");
        yield return new TestCaseData(new UpdateConnectionCommand("conn_x", null, null, new SettingsInput(null, false, null)))
            .SetArgDisplayNames("settings");
    }

    [TestCaseSource(nameof(SingleFieldUpdates))]
    public void Validate_WhenOneFieldProvided_ShouldHaveNoErrors(UpdateConnectionCommand command)
    {
        Assert.That(_validator.Validate(command).ByField(), Is.Empty);
    }

    [TestCase("", "Must not be empty.")]
    [TestCase("  ", "Must not be empty.")]
    [TestCase("a\u2067b", "Must not contain control, invisible or bidirectional-override characters.")]
    public void Validate_WhenNameProvidedButInvalid_ShouldReportNameOnly(string name, string message)
    {
        var errors = _validator.Validate(new UpdateConnectionCommand("conn_x", name, null, null)).ByField();

        errors.Keys.ShouldBe(["name"]);
        errors["name"].ShouldBe([message]);
    }

    [Test]
    public void Validate_WhenNameTooLong_ShouldReportName()
    {
        _validator.Validate(new UpdateConnectionCommand("conn_x", new string('x', 101), null, null)).ByField()["name"]
            .ShouldBe(["Must be at most 100 characters."]);
    }

    [TestCase(4)]
    [TestCase(10081)]
    public void Validate_WhenSyncIntervalOutOfBounds_ShouldReportSettingsPath(int minutes)
    {
        var errors = _validator.Validate(new UpdateConnectionCommand("conn_x", null, null, new SettingsInput(minutes, null, null))).ByField();

        errors.Keys.ShouldBe(["settings.sync_interval_minutes"]);
    }
}
