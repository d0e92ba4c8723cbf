using Connections.Application.Common.Interfaces;
using Connections.Domain.Connections;
using Connections.FakePlatforms;
using Connections.Infrastructure.Platforms.Slack;
using Microsoft.Extensions.DependencyInjection;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

public class SlackConnectorTests : PlatformTestBase
{
    private static readonly string[] Required = ["channels:history", "channels:read", "users:read"];

    private Task<Domain.Common.Result<PlatformProbe>> ProbeAsync(string token, IServiceProvider? provider = null, bool previouslyValid = false) =>
        ConnectorFor(provider ?? BuildProvider(), Platform.Slack).ProbeAsync(new PlatformCredentials(token), previouslyValid, CancellationToken.None);

    [Test]
    public async Task ProbeAsync_WhenTokenIsValid_ShouldReturnIdentityScopesAndReadableChannels()
    {
        var token = FakeTokens.Unique(S.Valid);

        var result = await ProbeAsync(token);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var identity = result.Value.Identity;
        identity.WorkspaceId.ShouldBe(S.TeamId);
        identity.WorkspaceName.ShouldBe(S.TeamName);
        identity.BotUserId.ShouldBe(S.BotUserId);
        identity.BotName.ShouldBe(S.BotUserName);
        identity.AppId.ShouldBe(S.AppId);
        identity.GrantedScopes.ShouldBe(S.AllScopes.Split(','), ignoreOrder: true);

        var channels = result.Value.Channels;
        channels.Select(c => c.Id).ShouldBe(
        [
            S.GeneralChannelId, S.RandomChannelId, S.EngineeringChannelId, S.DesignChannelId, S.AnnouncementsChannelId,
            S.PrivateChannelId,
        ]);
        channels[0].ShouldBe(new PlatformChannel(S.GeneralChannelId, "#general", IsPrivate: false, MemberCount: 42));
        channels.Single(c => c.Id == S.PrivateChannelId).ShouldBe(new PlatformChannel(S.PrivateChannelId, "#leadership", true, 5));
        channels.ShouldNotContain(c => c.Id == S.ArchivedChannelId || c.Id == S.HiddenPrivateChannelId);
    }

    [Test]
    public async Task ProbeAsync_WhenTokenBelongsToAnotherTeam_ShouldReportThatTeam()
    {
        var result = await ProbeAsync(FakeTokens.Unique(S.OtherTeam));

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Identity.WorkspaceId.ShouldBe(S.OtherTeamId);
        result.Value.Identity.WorkspaceName.ShouldBe(S.OtherTeamName);
        result.Value.Channels.Select(c => c.Name).ShouldBe(["#general", "#random"]);
    }

    [TestCase(S.Invalid)]
    [TestCase(S.WrongTokenType)]
    [TestCase(S.AppValid)]
    [TestCase("xoxb-not-a-fake-token")]
    public async Task ProbeAsync_WhenSlackRejectsTheToken_ShouldBeInvalidCredentials(string prefix)
    {
        var token = FakeTokens.Unique(prefix);

        ShouldFail(await ProbeAsync(token), ConnectionErrorCode.InvalidCredentials, token);
    }

    [TestCase(S.Revoked)]
    [TestCase(S.Expired)]
    [TestCase(S.Inactive)]
    public async Task ProbeAsync_WhenTokenWasRevokedExpiredOrDeactivated_ShouldBeAuthExpired(string prefix)
    {
        var token = FakeTokens.Unique(prefix);

        ShouldFail(await ProbeAsync(token), ConnectionErrorCode.AuthExpired, token);
    }

    [Test]
    public async Task ProbeAsync_WhenAValidTokenIsRevokedLater_ShouldBeAuthExpired()
    {
        var token = FakeTokens.Unique(S.Valid);
        var provider = BuildProvider();
        (await ProbeAsync(token, provider)).IsSuccess.ShouldBeTrue();

        Fake.RevokeSlackToken(token);

        ShouldFail(await ProbeAsync(token, provider, previouslyValid: true), ConnectionErrorCode.AuthExpired, token);
    }

    [Test]
    public async Task ProbeAsync_WhenScopesHeaderLacksRequiredScopes_ShouldNameTheMissingOnes()
    {
        var token = FakeTokens.Unique(S.MissingScope);

        var error = ShouldFail(await ProbeAsync(token), ConnectionErrorCode.InsufficientPermissions, token);

        error.RequiredScopes.ShouldBe(Required);
        error.MissingScopes.ShouldBe(["channels:history", "users:read"]);
        await ShouldSeeRequestsAsync(token, "conversations.list", 0);
    }

    [Test]
    public async Task ProbeAsync_WhenConversationsListAnswersMissingScope_ShouldUseNeededAndProvided()
    {
        var token = FakeTokens.Unique(S.ListMissingScope);

        var error = ShouldFail(await ProbeAsync(token), ConnectionErrorCode.InsufficientPermissions, token);

        error.RequiredScopes.ShouldBe(Required);
        // needed=channels:read; provided=users:read also shows channels:history absent.
        error.MissingScopes.ShouldBe(["channels:read", "channels:history"], ignoreOrder: true);
    }

    [TestCase(S.InternalError)]
    [TestCase(S.FatalError)]
    [TestCase(S.Garbage)]
    public async Task ProbeAsync_WhenSlackFailsInternallyOrAnswersGarbage_ShouldBePlatformError(string prefix)
    {
        var token = FakeTokens.Unique(prefix);

        ShouldFail(await ProbeAsync(token), ConnectionErrorCode.PlatformError, token);
        await ShouldSeeRequestsAsync(token, "auth.test", 1);
    }

    [Test]
    public async Task ProbeAsync_WhenServerFailsOnce_ShouldRetryAndSucceed()
    {
        var token = FakeTokens.Unique(S.ServerErrorOnce);

        var result = await ProbeAsync(token);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        await ShouldSeeRequestsAsync(token, "auth.test", 2);
    }

    [Test]
    public async Task ProbeAsync_WhenServerKeepsFailing_ShouldRetryThreeTimesThenBePlatformError()
    {
        var token = FakeTokens.Unique(S.ServerError);

        ShouldFail(await ProbeAsync(token), ConnectionErrorCode.PlatformError, token);

        await ShouldSeeRequestsAsync(token, "auth.test", 4);
    }

    [Test]
    public async Task ProbeAsync_WhenRateLimitedOnce_ShouldWaitRetryAfterThenSucceed()
    {
        var token = FakeTokens.Unique(S.RateLimitedOnce);

        var (result, elapsed) = await TimeAsync(() => ProbeAsync(token));

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        await ShouldSeeRequestsAsync(token, "auth.test", 2);
        elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)); // Retry-After: 1
    }

    [Test]
    public async Task ProbeAsync_WhenRetryAfterExceedsTheMaximumWait_ShouldBeRateLimitedPromptly()
    {
        var token = FakeTokens.Unique(S.RateLimited);

        var (result, elapsed) = await TimeAsync(() => ProbeAsync(token));

        var error = ShouldFail(result, ConnectionErrorCode.RateLimited, token);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        await ShouldSeeRequestsAsync(token, "auth.test", 1);
    }

    [Test]
    public async Task ProbeAsync_WhenRetryAfterExceedsTheRemainingBudget_ShouldBeRateLimitedPromptly()
    {
        // Willing to wait up to 10 minutes, but the whole call may only take 5 s: the 120 s wait cannot fit.
        var provider = BuildProvider(new() { ["Platforms:Resilience:MaxRetryAfter"] = "00:10:00" });
        var token = FakeTokens.Unique(S.RateLimited);

        var (result, elapsed) = await TimeAsync(() => ProbeAsync(token, provider));

        ShouldFail(result, ConnectionErrorCode.RateLimited, token).RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        await ShouldSeeRequestsAsync(token, "auth.test", 1);
    }

    [Test]
    public async Task ProbeAsync_WhenEveryAttemptTimesOut_ShouldBeNetworkError()
    {
        var provider = BuildProvider(new() { ["Platforms:Resilience:AttemptTimeout"] = Ms(300) });
        var token = FakeTokens.Unique(S.Slow);

        var (result, elapsed) = await TimeAsync(() => ProbeAsync(token, provider));

        ShouldFail(result, ConnectionErrorCode.NetworkError, token);
        await ShouldSeeRequestsAsync(token, "auth.test", 4);
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
    }

    [Test]
    public async Task ProbeAsync_WhenTheTotalBudgetRunsOut_ShouldBeNetworkError()
    {
        var provider = BuildProvider(new()
        {
            ["Platforms:Resilience:TotalTimeout"] = Ms(500),
            ["Platforms:Resilience:AttemptTimeout"] = Ms(500),
        });
        var token = FakeTokens.Unique(S.Slow);

        var (result, elapsed) = await TimeAsync(() => ProbeAsync(token, provider));

        ShouldFail(result, ConnectionErrorCode.NetworkError, token);
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task ProbeAsync_WhenTheConnectionIsRefused_ShouldBeNetworkError()
    {
        var provider = BuildProvider(new() { ["Platforms:Slack:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/slack/api/" });
        var token = FakeTokens.Unique(S.Valid);

        var error = ShouldFail(await ProbeAsync(token, provider), ConnectionErrorCode.NetworkError, token);

        error.Message.ShouldContain("refused");
    }

    [Test]
    public async Task ProbeAsync_WhenServerFailsRepeatedly_ShouldOpenTheCircuitAndFailFast()
    {
        var provider = BuildProvider(new()
        {
            ["Platforms:Resilience:MinimumThroughput"] = "2",
            ["Platforms:Resilience:BreakDuration"] = "00:00:30",
        });
        var token = FakeTokens.Unique(S.ServerError);

        ShouldFail(await ProbeAsync(token, provider), ConnectionErrorCode.PlatformError, token);
        await ShouldSeeRequestsAsync(token, "", 2); // the breaker opened after two failures and stopped the retries

        var (result, elapsed) = await TimeAsync(() => ProbeAsync(token, provider));

        var error = ShouldFail(result, ConnectionErrorCode.PlatformError, token);
        error.Message.ShouldContain("paused");
        error.RetryAfter.ShouldNotBeNull();
        await ShouldSeeRequestsAsync(token, "", 2);
        elapsed.ShouldBeLessThan(TimeSpan.FromMilliseconds(500));

        // Another Slack token goes nowhere either: the circuit is the platform's, not the token's.
        var other = FakeTokens.Unique(S.Valid);
        ShouldFail(await ProbeAsync(other, provider), ConnectionErrorCode.PlatformError, other);
        await ShouldSeeRequestsAsync(other, "", 0);
    }

    [Test]
    public async Task ProbeAsync_WhenTheNetworkFailsRepeatedly_ShouldOpenTheCircuitAndStillSayNetworkError()
    {
        var provider = BuildProvider(new()
        {
            ["Platforms:Slack:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/slack/api/",
            ["Platforms:Resilience:MinimumThroughput"] = "2",
        });
        var token = FakeTokens.Unique(S.Valid);
        ShouldFail(await ProbeAsync(token, provider), ConnectionErrorCode.NetworkError, token);

        var error = ShouldFail(await ProbeAsync(token, provider), ConnectionErrorCode.NetworkError, token);

        error.Message.ShouldContain("paused");
        error.RetryAfter.ShouldNotBeNull();
    }

    [Test]
    public async Task ProbeAsync_WhenWorkspaceHasManyChannels_ShouldFollowCursorsAndReturnEachOnceInOrder()
    {
        var token = FakeTokens.Unique(S.ManyChannels);

        var result = await ProbeAsync(token);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var ids = result.Value.Channels.Select(c => c.Id).ToArray();
        ids.Length.ShouldBe(S.ManyChannelsCount);
        ids.ShouldBe(Enumerable.Range(1, S.ManyChannelsCount).Select(i => $"C0MANY{i:D4}"));
        result.Value.Channels[449].Name.ShouldBe("#channel-450");
        Fake.CountRequests(token, "conversations.list").ShouldBeGreaterThanOrEqualTo(3);
    }

    [Test]
    public async Task OpenSocketModeConnectionAsync_WhenAppTokenIsValid_ShouldReturnTheWebSocketUrl()
    {
        var client = BuildProvider().GetRequiredService<SlackClient>();

        var result = await client.OpenSocketModeConnectionAsync(FakeTokens.Unique(S.AppValid), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Scheme.ShouldBe("wss");
    }

    [TestCase(S.AppInvalid)]
    [TestCase(S.Valid)]
    public async Task OpenSocketModeConnectionAsync_WhenTokenIsInvalidOrABotToken_ShouldBeInvalidCredentials(string prefix)
    {
        var client = BuildProvider().GetRequiredService<SlackClient>();
        var token = FakeTokens.Unique(prefix);

        var result = await client.OpenSocketModeConnectionAsync(token, CancellationToken.None);

        result.IsFailure.ShouldBeTrue();
        var error = result.Error.ShouldBeOfType<PlatformError>();
        error.ErrorCode.ShouldBe(ConnectionErrorCode.InvalidCredentials);
        error.Message.ShouldNotContain(token);
    }

    [Test]
    public async Task AuthTestAsync_WhenTokenIsValid_ShouldReadScopesFromTheHeader()
    {
        var client = BuildProvider().GetRequiredService<SlackClient>();

        var result = await client.AuthTestAsync(FakeTokens.Unique(S.Valid), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Scopes.ShouldBe(["channels:history", "channels:read", "groups:read", "users:read"]);
        result.Value.Identity.TeamId.ShouldBe(S.TeamId);
    }

    [Test]
    public async Task ProbeAsync_WhenCallerCancels_ShouldThrowRatherThanDiagnose()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var connector = ConnectorFor(BuildProvider(), Platform.Slack);

        await Should.ThrowAsync<OperationCanceledException>(
            () => connector.ProbeAsync(new PlatformCredentials(FakeTokens.Unique(S.Slow)), false, cts.Token));
    }
}
