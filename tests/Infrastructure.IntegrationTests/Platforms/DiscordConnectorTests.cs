using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.FakePlatforms;
using Connections.Infrastructure.Platforms.Discord;
using Microsoft.Extensions.DependencyInjection;
using D = Connections.FakePlatforms.FakeTokens.Discord;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

public class DiscordConnectorTests : PlatformTestBase
{
    private static readonly string[] Required = ["guild.messages", "guild.channels", "guild.members"];

    private Task<Result<PlatformProbe>> ProbeAsync(
        string token, string guildId = D.GuildId, IServiceProvider? provider = null, bool previouslyValid = false) =>
        ConnectorFor(provider ?? BuildProvider(), Platform.Discord)
            .ProbeAsync(new PlatformCredentials(token, GuildId: guildId), previouslyValid, CancellationToken.None);

    [Test]
    public async Task ProbeAsync_WhenBotIsInTheGuild_ShouldReturnIdentityAndTheTextChannelsItCanView()
    {
        var result = await ProbeAsync(FakeTokens.Unique(D.Valid));

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        var identity = result.Value.Identity;
        identity.WorkspaceId.ShouldBe(D.GuildId);
        identity.WorkspaceName.ShouldBe(D.GuildName);
        identity.BotUserId.ShouldBe(D.BotUserId);
        identity.BotName.ShouldBe(D.BotUserName);
        identity.AppId.ShouldBe(D.ApplicationId);
        identity.GrantedScopes.ShouldBe(Required, ignoreOrder: true);

        result.Value.Channels.ShouldBe(
        [
            new PlatformChannel(D.GeneralChannelId, "general", IsPrivate: false, MemberCount: null),
            new PlatformChannel(D.AnnouncementsChannelId, "announcements", IsPrivate: false, MemberCount: null),
            // @everyone is denied VIEW_CHANNEL, the bot's role is allowed: private, yet readable.
            new PlatformChannel(D.StaffChannelId, "staff", IsPrivate: true, MemberCount: null),
        ]);
    }

    [Test]
    public async Task ProbeAsync_WhenAChannelIsHiddenFromTheBot_ShouldLeaveItOut()
    {
        var result = await ProbeAsync(FakeTokens.Unique(D.Valid));

        // secret: @everyone denied, only moderators allowed; voice, forum and the category are not text-like.
        result.Value.Channels.Select(c => c.Id).ShouldNotContain(D.SecretChannelId);
        result.Value.Channels.Select(c => c.Id).ShouldNotContain(D.VoiceChannelId);
        result.Value.Channels.Select(c => c.Id).ShouldNotContain(D.ForumChannelId);
        result.Value.Channels.Select(c => c.Id).ShouldNotContain(D.CategoryChannelId);
    }

    [Test]
    public async Task ProbeAsync_WhenGuildHasManyChannels_ShouldReturnAllInPositionOrder()
    {
        var result = await ProbeAsync(FakeTokens.Unique(D.Valid), D.ManyChannelsGuildId);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Channels.Count.ShouldBe(D.ManyChannelsCount);
        result.Value.Channels.Select(c => c.Name).ShouldBe(Enumerable.Range(1, D.ManyChannelsCount).Select(i => $"channel-{i:D3}"));
    }

    [Test]
    public async Task ProbeAsync_WhenTokenIsRejected_ShouldBeInvalidCredentialsAfterExactlyOneRequest()
    {
        var token = FakeTokens.Unique(D.Invalid);

        ShouldFail(await ProbeAsync(token), ConnectionErrorCode.InvalidCredentials, token);

        await ShouldSeeRequestsAsync(token, "", 1);
    }

    [Test]
    public async Task ProbeAsync_WhenATokenThatWorkedBeforeIsRejected_ShouldBeAuthExpired()
    {
        var token = FakeTokens.Unique(D.Valid);
        var provider = BuildProvider();
        (await ProbeAsync(token, provider: provider)).IsSuccess.ShouldBeTrue();
        await ShouldSeeRequestsAsync(token, "", 5); // users, application, guild, member, channels
        Fake.RevokeDiscordToken(token);

        ShouldFail(await ProbeAsync(token, provider: provider, previouslyValid: true), ConnectionErrorCode.AuthExpired, token);

        await ShouldSeeRequestsAsync(token, "", 6);
    }

    [TestCase(D.UnknownGuildId)]
    [TestCase(D.MissingAccessGuildId)]
    public async Task ProbeAsync_WhenBotIsNotInTheGuild_ShouldBeInsufficientPermissionsMissingEverything(string guildId)
    {
        var token = FakeTokens.Unique(D.Valid);

        var error = ShouldFail(await ProbeAsync(token, guildId), ConnectionErrorCode.InsufficientPermissions, token);

        error.RequiredScopes.ShouldBe(Required);
        error.MissingScopes.ShouldBe(Required);
        error.Message.ShouldContain("not a member");
        await ShouldSeeRequestsAsync(token, "guilds/", 1);
    }

    [Test]
    public async Task ProbeAsync_WhenMessageContentIntentIsOff_ShouldBeInsufficientPermissionsForMessages()
    {
        var token = FakeTokens.Unique(D.NoMessageContent);

        var error = ShouldFail(await ProbeAsync(token), ConnectionErrorCode.InsufficientPermissions, token);

        error.RequiredScopes.ShouldBe(Required);
        error.MissingScopes.ShouldBe(["guild.messages"]);
        error.Message.ShouldContain("Message Content");
    }

    [Test]
    public async Task ProbeAsync_WhenNoViewableChannelAllowsHistory_ShouldBeInsufficientPermissionsForMessages()
    {
        var token = FakeTokens.Unique(D.Valid);

        var error = ShouldFail(await ProbeAsync(token, D.NoHistoryGuildId), ConnectionErrorCode.InsufficientPermissions, token);

        error.MissingScopes.ShouldBe(["guild.messages"]);
        error.Message.ShouldContain("Read Message History");
    }

    [Test]
    public async Task ProbeAsync_WhenRateLimitedOnce_ShouldWaitTheBodysRetryAfterThenSucceed()
    {
        var token = FakeTokens.Unique(D.RateLimitedOnce);

        var (result, elapsed) = await TimeAsync(() => ProbeAsync(token));

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        await ShouldSeeRequestsAsync(token, "users/@me", 2);
        elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500)); // retry_after: 0.5 (header says 1)
    }

    [Test]
    public async Task ProbeAsync_WhenRateLimitedBeyondTheMaximumWait_ShouldBeRateLimitedPromptly()
    {
        var token = FakeTokens.Unique(D.RateLimited);

        var (result, elapsed) = await TimeAsync(() => ProbeAsync(token));

        ShouldFail(result, ConnectionErrorCode.RateLimited, token).RetryAfter.ShouldBe(TimeSpan.FromSeconds(120));
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        await ShouldSeeRequestsAsync(token, "", 1);
    }

    [Test]
    public async Task ProbeAsync_WhenServerFailsOnce_ShouldRetryAndSucceed()
    {
        var token = FakeTokens.Unique(D.ServerErrorOnce);

        (await ProbeAsync(token)).IsSuccess.ShouldBeTrue();

        await ShouldSeeRequestsAsync(token, "users/@me", 2);
    }

    [Test]
    public async Task ProbeAsync_WhenServerKeepsFailing_ShouldBePlatformError()
    {
        var token = FakeTokens.Unique(D.ServerError);

        ShouldFail(await ProbeAsync(token), ConnectionErrorCode.PlatformError, token);

        await ShouldSeeRequestsAsync(token, "users/@me", 4);
    }

    [Test]
    public async Task ProbeAsync_WhenEveryAttemptTimesOut_ShouldBeNetworkError()
    {
        var provider = BuildProvider(new() { ["Platforms:Resilience:AttemptTimeout"] = Ms(300) });
        var token = FakeTokens.Unique(D.Slow);

        ShouldFail(await ProbeAsync(token, provider: provider), ConnectionErrorCode.NetworkError, token);

        await ShouldSeeRequestsAsync(token, "users/@me", 4);
    }

    [Test]
    public async Task ProbeAsync_WhenTheConnectionIsRefused_ShouldBeNetworkError()
    {
        var provider = BuildProvider(new() { ["Platforms:Discord:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}/discord/api/v10/" });
        var token = FakeTokens.Unique(D.Valid);

        ShouldFail(await ProbeAsync(token, provider: provider), ConnectionErrorCode.NetworkError, token);
    }

    [Test]
    public async Task ProbeAsync_WhenDiscordsCircuitIsOpen_ShouldFailFastWhileSlackStillWorks()
    {
        var provider = BuildProvider(new() { ["Platforms:Resilience:MinimumThroughput"] = "2" });
        var failing = FakeTokens.Unique(D.ServerError);
        ShouldFail(await ProbeAsync(failing, provider: provider), ConnectionErrorCode.PlatformError, failing);

        var healthy = FakeTokens.Unique(D.Valid);
        ShouldFail(await ProbeAsync(healthy, provider: provider), ConnectionErrorCode.PlatformError, healthy);
        await ShouldSeeRequestsAsync(healthy, "", 0);

        var slack = await ConnectorFor(provider, Platform.Slack)
            .ProbeAsync(new PlatformCredentials(FakeTokens.Unique(FakeTokens.Slack.Valid)), false, CancellationToken.None);
        slack.IsSuccess.ShouldBeTrue(slack.Error?.Message);
    }

    [Test]
    public async Task ProbeAsync_WhenGuildIdIsMissing_ShouldFailWithoutCallingDiscord()
    {
        var token = FakeTokens.Unique(D.Valid);

        ShouldFail(await ProbeAsync(token, guildId: " "), ConnectionErrorCode.InvalidCredentials, token);

        await ShouldSeeRequestsAsync(token, "", 0);
    }

    [Test]
    public async Task GetGuildMemberAsync_WhenUserIsNotAMember_ShouldBeInsufficientPermissions()
    {
        var client = BuildProvider().GetRequiredService<DiscordClient>();

        var result = await client.GetGuildMemberAsync(FakeTokens.Unique(D.Valid), D.GuildId, "1100000000000009999", CancellationToken.None);

        result.IsFailure.ShouldBeTrue();
        result.Error.ShouldBeOfType<PlatformError>().ErrorCode.ShouldBe(ConnectionErrorCode.InsufficientPermissions);
    }

    [Test]
    public async Task GetCurrentApplicationAsync_WhenTokenIsValid_ShouldReportTheLimitedMessageContentIntent()
    {
        var client = BuildProvider().GetRequiredService<DiscordClient>();

        var result = await client.GetCurrentApplicationAsync(FakeTokens.Unique(D.Valid), CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Flags.ShouldBe(D.ValidApplicationFlags);
        result.Value.HasMessageContentIntent.ShouldBeTrue();
    }
}
