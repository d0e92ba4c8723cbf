using Connections.Application.Common.Interfaces;
using Connections.Domain.Connections;
using Connections.FakePlatforms;
using H = Connections.FakePlatforms.FakeHistory.Slack;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

public class SlackMessageSourceTests : MessageSourceTestBase
{
    protected override Platform Platform => Platform.Slack;

    private static PlatformCredentials Credentials(string token) => new(token);

    [Test]
    public async Task GetPageAsync_WhenReadingASeededChannelInSmallPages_ShouldReturnEveryMessageOnceWithRepliesAndCheckpointOnlyTheLastPage()
    {
        var token = FakeTokens.Unique(S.Valid);

        var pass = (await ReadPassAsync(Source(pageSize: 10), Credentials(token), S.GeneralChannelId, cursor: null)).ShouldSucceed();

        pass.Pages.Count.ShouldBe(4);
        pass.Pages.Take(3).ShouldAllBe(p => p.Checkpoint == null);
        pass.Pages[^1].Checkpoint.ShouldBe(H.NewestSeededTs);
        var messages = pass.Messages;
        messages.Count.ShouldBe(H.SeededMessageCount);
        messages.Select(m => m.Id).ShouldBeUnique();
        messages.ShouldAllBe(m => m.ChannelId == S.GeneralChannelId);
        messages.ShouldNotContain(m => m.Id == H.TopLevelTs(0) || m.Id == H.TopLevelTs(1), "channel_join and channel_topic are not content");

        var thread = messages.Where(m => m.ThreadId == H.ThreadParentTs).Select(m => m.Id).ToList();
        thread.ShouldBe([H.ThreadParentTs, .. Enumerable.Range(0, H.SeededReplyCount).Select(H.ReplyTs)], ignoreOrder: true);

        var bot = messages.Single(m => m.Id == H.BotMessageTs);
        bot.AuthorId.ShouldBe(H.BotMessageBotId);
        bot.AuthorName.ShouldBe(H.BotMessageUsername);

        var plain = messages.Single(m => m.Id == H.TopLevelTs(12));
        plain.AuthorId.ShouldBe(H.Authors[0]);
        plain.SentAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(H.FirstMessageAt + (12 * 60)).AddTicks(1000));
        plain.EditedAt.ShouldBeNull();
        plain.ThreadId.ShouldBeNull();
    }

    [Test]
    public async Task GetPageAsync_WhenAMessageWasEdited_ShouldCarryEditedAt()
    {
        var pass = (await ReadPassAsync(Source(), Credentials(FakeTokens.Unique(S.Valid)), S.RandomChannelId, null)).ShouldSucceed();

        pass.Pages.Count.ShouldBe(1);
        var edited = pass.Messages.Single(m => m.Id == H.EditedMessageTs);
        edited.EditedAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(H.FirstMessageAt + (H.EditedIndex * 60) + H.EditDelaySeconds).AddTicks(1000));
        edited.Text.ShouldContain("fixed a typo");
        pass.Messages.Count(m => m.EditedAt is not null).ShouldBe(1);
    }

    [Test]
    public async Task GetPageAsync_WhenStartingFromTheCheckpoint_ShouldReturnNothingAndThenOnlyNewMessages()
    {
        var token = FakeTokens.Unique(S.Valid);
        var source = Source(pageSize: 10);
        var first = (await ReadPassAsync(source, Credentials(token), S.AnnouncementsChannelId, null)).ShouldSucceed();

        var second = (await ReadPassAsync(source, Credentials(token), S.AnnouncementsChannelId, first.Checkpoint)).ShouldSucceed();
        second.Messages.ShouldBeEmpty();
        second.Pages.Single().Checkpoint.ShouldBe(first.Checkpoint);

        var added = Fake.AddSlackMessage(token, S.AnnouncementsChannelId, "Fresh news");
        var reply = Fake.AddSlackMessage(token, S.AnnouncementsChannelId, "A reply to it", threadTs: added);
        var third = (await ReadPassAsync(source, Credentials(token), S.AnnouncementsChannelId, second.Checkpoint)).ShouldSucceed();

        third.Messages.Select(m => m.Id).ShouldBe([added, reply], ignoreOrder: true);
        third.Messages.ShouldAllBe(m => m.ThreadId == added);
        third.Messages.Single(m => m.Id == added).Text.ShouldBe("Fresh news");
        third.Checkpoint.ShouldBe(added, "replies do not move the checkpoint");

        // Another token sees none of it.
        var other = (await ReadPassAsync(source, Credentials(FakeTokens.Unique(S.Valid)), S.AnnouncementsChannelId, second.Checkpoint)).ShouldSucceed();
        other.Messages.ShouldBeEmpty();
    }

    [Test]
    public async Task GetPageAsync_WhenAMessageIsEditedInTheFake_ShouldCarryTheNewTextAndEditedAt()
    {
        var token = FakeTokens.Unique(S.Valid);
        var ts = Fake.AddSlackMessage(token, S.GeneralChannelId, "draft");
        var editedTs = Fake.EditSlackMessage(token, S.GeneralChannelId, ts, "final");

        var pass = (await ReadPassAsync(Source(), Credentials(token), S.GeneralChannelId, H.NewestSeededTs)).ShouldSucceed();

        var message = pass.Messages.ShouldHaveSingleItem();
        message.Text.ShouldBe("final");
        message.EditedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(message.SentAt);
        editedTs.ShouldNotBeNullOrEmpty();
    }

    [Test]
    public async Task GetPageAsync_WhenAChannelHoldsThousands_ShouldPageThroughAllOfThemOnce()
    {
        var token = FakeTokens.Unique(S.History);

        var pass = (await ReadPassAsync(Source(), Credentials(token), H.ManyMessagesChannelId, null)).ShouldSucceed();

        pass.Pages.Count.ShouldBe(13); // 2,500 at 200 a page
        pass.Messages.Count.ShouldBe(H.ManyMessagesCount);
        pass.Messages.Select(m => m.Id).ShouldBeUnique();
        pass.Checkpoint.ShouldBe(H.NewestManyMessagesTs);
        Fake.CountRequests(token, "conversations.history").ShouldBe(13);
        Fake.CountRequests(token, "conversations.replies").ShouldBe(0);
    }

    [Test]
    public async Task GetPageAsync_WhenReadingABenchChannel_ShouldReturnItsGeneratedMessages()
    {
        var pass = (await ReadPassAsync(Source(pageSize: 999), Credentials(FakeTokens.Unique(S.Bench)), H.BenchChannelId(50), null)).ShouldSucceed();

        pass.Messages.Count.ShouldBe(H.BenchMessagesPerChannel);
        pass.Pages.Count.ShouldBe(3);
    }

    [Test]
    public async Task GetPageAsync_WhenTheChannelIsRateLimitedForLong_ShouldBeRateLimitedWithRetryAfterPromptly()
    {
        var token = FakeTokens.Unique(S.History);

        var (result, elapsed) = await TimeAsync(() =>
            Source().GetPageAsync(Credentials(token), H.RateLimitedChannelId, null, null, CancellationToken.None));

        var error = ShouldFailWith(result.Error, ConnectionErrorCode.RateLimited, token);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(H.RateLimitedRetryAfterSeconds));
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        await ShouldSeeRequestsAsync(token, "conversations.history", 1);
    }

    [Test]
    public async Task GetPageAsync_WhenTheTokenIsRevokedMidPass_ShouldBeAuthExpiredOnTheLaterPage()
    {
        var token = FakeTokens.Unique(S.RevokeAfter2);

        var pass = await ReadPassAsync(Source(pageSize: 10), Credentials(token), S.GeneralChannelId, null);

        pass.Pages.Count.ShouldBe(2);
        pass.Pages.ShouldAllBe(p => p.Checkpoint == null, "an unfinished Slack pass must not move the cursor");
        ShouldFailWith(pass.Error, ConnectionErrorCode.AuthExpired, token);
    }

    [TestCase(S.EngineeringChannelId, TestName = "GetPageAsync_WhenTheBotIsNotInThePublicChannel_ShouldBeInsufficientPermissions")]
    [TestCase(S.ArchivedChannelId, TestName = "GetPageAsync_WhenTheChannelIsArchivedWithoutTheBot_ShouldBeInsufficientPermissions")]
    [TestCase(S.HiddenPrivateChannelId, TestName = "GetPageAsync_WhenThePrivateChannelIsHiddenFromTheBot_ShouldBeInsufficientPermissions")]
    [TestCase("C0NOSUCH01", TestName = "GetPageAsync_WhenTheChannelDoesNotExist_ShouldBeInsufficientPermissions")]
    public async Task GetPageAsync_WhenTheBotCannotReadTheChannel_ShouldBeInsufficientPermissions(string channelId)
    {
        var token = FakeTokens.Unique(S.Valid);

        var result = await Source().GetPageAsync(Credentials(token), channelId, null, null, CancellationToken.None);

        ShouldFailWith(result.Error, ConnectionErrorCode.InsufficientPermissions, token);
    }

    [Test]
    public async Task GetPageAsync_WhenAPrivateChannelNeedsGroupsHistory_ShouldNameTheMissingScope()
    {
        var token = FakeTokens.Unique(S.Valid);

        var result = await Source().GetPageAsync(Credentials(token), S.PrivateChannelId, null, null, CancellationToken.None);

        var error = ShouldFailWith(result.Error, ConnectionErrorCode.InsufficientPermissions, token);
        error.MissingScopes.ShouldNotBeNull().ShouldContain("groups:history");
    }

    [Test]
    public async Task GetPageAsync_WhenThePageTokenIsNotOurs_ShouldThrow()
    {
        var source = Source();

        await Should.ThrowAsync<ArgumentException>(() =>
            source.GetPageAsync(Credentials(FakeTokens.Unique(S.Valid)), S.GeneralChannelId, null, "not-a-token", CancellationToken.None));
        await Should.ThrowAsync<ArgumentException>(() =>
            source.GetPageAsync(Credentials(FakeTokens.Unique(S.Valid)), S.GeneralChannelId, "yesterday", null, CancellationToken.None));
    }
}
