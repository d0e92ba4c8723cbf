using Connections.Domain.SlackWorkspaces;

namespace Connections.Domain.UnitTests.SlackWorkspaces;

[TestFixture]
public class SlackWorkspaceTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly ProtectedSlackSecrets Secrets = new("p-bot", "p-app", "p-signing");

    private static SlackWorkspace NewWorkspace() =>
        SlackWorkspace.Create("T0FAKE001", "  Fake Workspace  ", new SlackAppIdentity("A0FAKEAPP", null, "U0FAKEBOT"), Secrets, "owner@example.com", Now);

    [Test]
    public void Create_ShouldStartActiveWithTrimmedNameAndAVersion()
    {
        var workspace = NewWorkspace();

        workspace.IsActive.ShouldBeTrue();
        workspace.TeamName.ShouldBe("Fake Workspace");
        workspace.Id.ShouldNotBe(Guid.Empty);
        workspace.Version.ShouldNotBe(Guid.Empty);
        workspace.CreatedAt.ShouldBe(Now);
        workspace.UpdatedAt.ShouldBe(Now);
        workspace.ProtectedBotToken.ShouldBe("p-bot");
    }

    [Test]
    public void Create_WhenTeamNameIsBlank_ShouldThrow() =>
        Should.Throw<ArgumentException>(() =>
            SlackWorkspace.Create("T0FAKE001", " ", new SlackAppIdentity(null, null, null), Secrets, "owner@example.com", Now));

    [Test]
    public void Deactivate_WhenAlreadyInactive_ShouldFailAndChangeNothing()
    {
        var workspace = NewWorkspace();
        workspace.Deactivate(Now.AddMinutes(1)).IsSuccess.ShouldBeTrue();
        var version = workspace.Version;

        var again = workspace.Deactivate(Now.AddMinutes(2));

        again.IsFailure.ShouldBeTrue();
        again.Error!.Code.ShouldBe("WORKSPACE_NOT_ACTIVE");
        workspace.Version.ShouldBe(version);
    }

    [Test]
    public void Replace_ShouldReactivateAndTakeTheNewIdentityAsAWhole()
    {
        var workspace = NewWorkspace();
        workspace.Deactivate(Now);

        workspace.Replace("New name", new SlackAppIdentity(null, "App", null), new ProtectedSlackSecrets("b2", "a2", "s2"), Now.AddHours(1));

        workspace.IsActive.ShouldBeTrue();
        workspace.AppId.ShouldBeNull();
        workspace.AppName.ShouldBe("App");
        workspace.BotUserId.ShouldBeNull();
        workspace.ProtectedAppToken.ShouldBe("a2");
        workspace.CreatedAt.ShouldBe(Now);
        workspace.UpdatedAt.ShouldBe(Now.AddHours(1));
    }

    [Test]
    public void RotateBotToken_ShouldKeepIdentityFieldsSlackDidNotReport()
    {
        var workspace = NewWorkspace();

        workspace.RotateBotToken("p-bot-2", new SlackAppIdentity(null, null, "U0NEWBOT"), Now);

        workspace.ProtectedBotToken.ShouldBe("p-bot-2");
        workspace.AppId.ShouldBe("A0FAKEAPP");
        workspace.BotUserId.ShouldBe("U0NEWBOT");
    }

    [Test]
    public void EveryChange_ShouldBumpTheVersionAndSoTheETag()
    {
        var workspace = NewWorkspace();
        var etag = SlackWorkspace.ETagOf(workspace.Version);

        workspace.Rename("Other", Now);

        workspace.MatchesETag([etag]).ShouldBeFalse();
        workspace.MatchesETag([SlackWorkspace.ETagOf(workspace.Version)]).ShouldBeTrue();
        workspace.MatchesETag(["*"]).ShouldBeTrue();
        workspace.MatchesETag(["W/" + SlackWorkspace.ETagOf(workspace.Version)]).ShouldBeFalse("If-Match compares strongly");
        workspace.MatchesETag([]).ShouldBeFalse();
    }

    [Test]
    public void ProtectedSecrets_ToString_ShouldNotShowValues() =>
        Secrets.ToString().ShouldNotContain("p-bot");
}
