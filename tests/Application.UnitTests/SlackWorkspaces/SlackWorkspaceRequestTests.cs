using Connections.Application.Common.Behaviors;
using Connections.Application.Common.Interfaces;
using Connections.Application.SlackWorkspaces.Commands.ConfigureSlackWorkspace;
using Connections.Application.SlackWorkspaces.Commands.UpdateSlackWorkspace;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspace;
using Connections.Domain.Common;
using FluentValidation;
using Moq;

namespace Connections.Application.UnitTests.SlackWorkspaces;

[TestFixture]
public class SlackWorkspaceRequestTests
{
    private static ConfigureSlackWorkspaceCommand Valid() =>
        new("T0FAKE001", "Fake", "xoxb-secret-bot", "xapp-secret-app", "0123456789abcdef0123456789abcdef", null, null, null);

    [OneTimeSetUp]
    public void UseWireNames() =>
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) =>
            member is null ? null : System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(member.Name);

    [Test]
    public void ConfigureValidator_WhenValid_ShouldPass() =>
        new ConfigureSlackWorkspaceCommandValidator().Validate(Valid()).IsValid.ShouldBeTrue();

    [TestCase("T0FAKE001", true)]
    [TestCase("TABC", true)]
    [TestCase("T", false)]
    [TestCase("t0fake001", false)]
    [TestCase("U0FAKE001", false)]
    [TestCase("T0 FAKE", false)]
    [TestCase("T0FAKE001\n", false)]
    public void ConfigureValidator_TeamId_ShouldFollowThePattern(string teamId, bool valid) =>
        new ConfigureSlackWorkspaceCommandValidator().Validate(Valid() with { TeamId = teamId }).IsValid.ShouldBe(valid);

    [TestCase("a\u0000b")]
    [TestCase("abc\u202Eexe.txt")]
    [TestCase("Fake\n2026-12-01 INFO forged log line")]
    [TestCase("zero\u200Bwidth")]
    [TestCase("tab\there")]
    public void Validators_WhenANameHasControlOrBidiCharacters_ShouldRejectItLikeAConnectionName(string name)
    {
        new ConfigureSlackWorkspaceCommandValidator().Validate(Valid() with { TeamName = name })
            .Errors.Select(e => e.PropertyName).ShouldBe(["team_name"]);
        new ConfigureSlackWorkspaceCommandValidator().Validate(Valid() with { AppName = name })
            .Errors.Select(e => e.PropertyName).ShouldBe(["app_name"]);
        new UpdateSlackWorkspaceCommandValidator().Validate(new UpdateSlackWorkspaceCommand(name, null, null, null, null))
            .Errors.Select(e => e.PropertyName).ShouldBe(["team_name"]);
    }

    [TestCase("  Acme Workspace  ")]
    [TestCase("Ünïcödé 工作区 🚀")]
    public void Validators_WhenANameIsOrdinaryText_ShouldAcceptIt(string name) =>
        new ConfigureSlackWorkspaceCommandValidator().Validate(Valid() with { TeamName = name }).IsValid.ShouldBeTrue();

    [Test]
    public void ConfigureValidator_WhenIdsOrAppTokenEndWithANewline_ShouldRejectThem()
    {
        var result = new ConfigureSlackWorkspaceCommandValidator().Validate(Valid() with
        {
            AppToken = Valid().AppToken + "\n",
            AppId = "A0FAKEAPP\n",
            BotUserId = "U0FAKEBOT\n",
        });

        result.Errors.Select(e => e.PropertyName).ShouldBe(["app_token", "app_id", "bot_user_id"], ignoreOrder: true);
    }

    [Test]
    public void ConfigureValidator_Messages_ShouldNeverEchoTheRejectedValue()
    {
        var command = Valid() with { BotToken = "xoxp-LEAKME", AppToken = "xoxb-LEAKME", SigningSecret = "LEAK ME" };

        var result = new ConfigureSlackWorkspaceCommandValidator().Validate(command);

        result.Errors.Select(e => e.PropertyName).ShouldBe(["bot_token", "app_token", "signing_secret"], ignoreOrder: true);
        result.Errors.ShouldAllBe(e => !e.ErrorMessage.Contains("LEAK"));
    }

    [Test]
    public void UpdateValidator_WhenNothingToChange_ShouldAskForAField()
    {
        var result = new UpdateSlackWorkspaceCommandValidator().Validate(new UpdateSlackWorkspaceCommand(null, null, null, null, null));

        result.Errors.Single().PropertyName.ShouldBe("body");
    }

    [Test]
    public void Commands_ToString_ShouldHideSecrets()
    {
        Valid().ToString().ShouldNotContain("secret");
        new UpdateSlackWorkspaceCommand("n", "xoxb-secret", "xapp-secret", "secret", null).ToString().ShouldNotContain("secret");
        new UpdateSlackWorkspaceRequest("n", "xoxb-secret", null, null).ToString().ShouldNotContain("secret");
    }

    [TestCase(CallerRole.Member, false)]
    [TestCase(null, false)]
    [TestCase(CallerRole.Owner, true)]
    [TestCase(CallerRole.Application, true)]
    public async Task AuthorizationBehavior_OnOwnerOnlyRequest_ShouldLetOnlyOwnersAndApplicationsThrough(CallerRole? role, bool allowed)
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.Role).Returns(role);
        var behavior = new AuthorizationBehavior<ConfigureSlackWorkspaceCommand, Result<SlackWorkspaceWriteResult>>(user.Object);
        var reached = false;

        var result = await behavior.Handle(Valid(), CancellationToken.None, () =>
        {
            reached = true;
            return Task.FromResult(Result<SlackWorkspaceWriteResult>.Failure(Error.NotFound("X", "reached")));
        });

        reached.ShouldBe(allowed);
        if (!allowed)
        {
            result.Error!.Code.ShouldBe("OWNER_ROLE_REQUIRED");
            result.Error.Message.ShouldBe("Owner role required");
            result.Error.Type.ShouldBe(ErrorType.Forbidden);
        }
    }

    [Test]
    public async Task AuthorizationBehavior_OnRequestEveryRoleMaySend_ShouldLetMembersThrough()
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.Role).Returns(CallerRole.Member);
        var behavior = new AuthorizationBehavior<GetSlackWorkspaceQuery, Result<SlackWorkspaceDto>>(user.Object);
        var reached = false;

        await behavior.Handle(new GetSlackWorkspaceQuery(), CancellationToken.None, () =>
        {
            reached = true;
            return Task.FromResult(Result<SlackWorkspaceDto>.Failure(Error.NotFound("X", "reached")));
        });

        reached.ShouldBeTrue();
    }
}
