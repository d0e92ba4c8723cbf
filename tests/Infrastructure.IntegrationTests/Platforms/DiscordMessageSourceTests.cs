using System.Globalization;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Connections;
using Connections.FakePlatforms;
using D = Connections.FakePlatforms.FakeTokens.Discord;
using H = Connections.FakePlatforms.FakeHistory.Discord;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

public class DiscordMessageSourceTests : MessageSourceTestBase
{
    protected override Platform Platform => Platform.Discord;

    private static PlatformCredentials Credentials(string token) => new(token, GuildId: D.GuildId);

    [Test]
    public async Task GetPageAsync_WhenReadingASeededChannel_ShouldReturnEveryMessageOnceWithAuthorsThreadsAndEdits()
    {
        var channel = D.GeneralChannelId;

        var pass = (await ReadPassAsync(Source(), Credentials(FakeTokens.Unique(D.Valid)), channel, null)).ShouldSucceed();

        var page = pass.Pages.ShouldHaveSingleItem();
        page.NextPageToken.ShouldBeNull();
        page.Checkpoint.ShouldBe(H.NewestSeededId(channel));
        var messages = pass.Messages;
        messages.Count.ShouldBe(H.SeededMessageCount);
        messages.Select(m => m.Id).ShouldBeUnique();
        messages.ShouldNotContain(m => m.Id == H.MessageId(channel, 0), "a member-join notice is not content");

        var starter = H.ThreadStarterId(channel);
        messages.Single(m => m.Id == starter).ThreadId.ShouldBe(starter);
        messages.Where(m => m.ThreadId == starter && m.Id != starter).Select(m => m.Id)
            .ShouldBe(H.ReplyIndexes.Select(i => H.MessageId(channel, i)), ignoreOrder: true);

        var edited = messages.Single(m => m.Id == H.EditedMessageId(channel));
        edited.EditedAt.ShouldBe(H.SentAt(H.EditedIndex).AddSeconds(H.EditDelaySeconds));
        messages.Count(m => m.EditedAt is not null).ShouldBe(1);

        var byAlice = messages.Single(m => m.Id == H.MessageId(channel, 12));
        byAlice.AuthorId.ShouldBe(H.Authors[0].Id);
        byAlice.AuthorName.ShouldBe(H.Authors[0].GlobalName);
        byAlice.SentAt.ShouldBe(H.SentAt(12));
        byAlice.Text.ShouldBe("Message 12 in #general");
        messages.Single(m => m.Id == H.MessageId(channel, 11)).AuthorName.ShouldBe(H.Authors[2].Username, "no global_name: the username");
        messages.Single(m => m.Id == H.MessageId(channel, H.BotMessageIndex)).AuthorId.ShouldBe(H.BotAuthorId);
    }

    [Test]
    public async Task GetPageAsync_WhenStartingFromTheCheckpoint_ShouldReturnNothingAndThenOnlyNewMessages()
    {
        var token = FakeTokens.Unique(D.Valid);
        var source = Source();
        var channel = D.AnnouncementsChannelId;
        var first = (await ReadPassAsync(source, Credentials(token), channel, null)).ShouldSucceed();

        var second = (await ReadPassAsync(source, Credentials(token), channel, first.Checkpoint)).ShouldSucceed();
        second.Messages.ShouldBeEmpty();
        second.Pages.Single().Checkpoint.ShouldBe(first.Checkpoint);

        var added = Fake.AddDiscordMessage(token, channel, "Fresh news");
        var reply = Fake.AddDiscordMessage(token, channel, "Replying", replyToMessageId: added);
        Fake.EditDiscordMessage(token, channel, added, "Fresh news (edited)");
        var third = (await ReadPassAsync(source, Credentials(token), channel, second.Checkpoint)).ShouldSucceed();

        third.Messages.Select(m => m.Id).ShouldBe([reply, added], ignoreOrder: true);
        third.Messages.Single(m => m.Id == reply).ThreadId.ShouldBe(added);
        var edited = third.Messages.Single(m => m.Id == added);
        edited.Text.ShouldBe("Fresh news (edited)");
        edited.EditedAt.ShouldNotBeNull();
        third.Checkpoint.ShouldBe(reply);

        var other = (await ReadPassAsync(source, Credentials(FakeTokens.Unique(D.Valid)), channel, second.Checkpoint)).ShouldSucceed();
        other.Messages.ShouldBeEmpty();
    }

    [Test]
    public async Task GetPageAsync_WhenAChannelHoldsThousands_ShouldCheckpointEveryFullPageAndReadEachMessageOnce()
    {
        var token = FakeTokens.Unique(D.Valid);

        var pass = (await ReadPassAsync(Source(), Credentials(token), H.ManyMessagesChannelId, null)).ShouldSucceed();

        pass.Pages.Count.ShouldBe(26); // 25 full pages, then an empty one ends the pass
        pass.Pages.ShouldAllBe(p => p.Checkpoint != null);
        pass.Pages.Take(25).ShouldAllBe(p => p.NextPageToken == p.Checkpoint);
        pass.Pages.Select(p => ulong.Parse(p.Checkpoint!, CultureInfo.InvariantCulture)).ShouldBeInOrder(SortDirection.Ascending);
        pass.Messages.Count.ShouldBe(H.ManyMessagesCount);
        pass.Messages.Select(m => m.Id).ShouldBeUnique();
        pass.Checkpoint.ShouldBe(H.MessageId(H.ManyMessagesChannelId, H.ManyMessagesCount - 1));
    }

    [Test]
    public async Task GetPageAsync_WhenIdsDifferInLength_ShouldCheckpointTheNumericallyLargest()
    {
        var channel = H.ShortIdsChannelId;
        var source = Source(pageSize: 15);
        var token = FakeTokens.Unique(D.Valid);

        var first = await source.GetPageAsync(Credentials(token), channel, null, null, CancellationToken.None);

        first.IsSuccess.ShouldBeTrue(first.Error?.Message);
        first.Value.Messages.Select(m => m.Id).ShouldContain("99999999999999999");
        first.Value.Checkpoint.ShouldBe("100000000000000004"); // 15th id; as strings "99999999999999999" would win
        var pass = (await ReadPassAsync(source, Credentials(token), channel, null)).ShouldSucceed();
        pass.Messages.Count.ShouldBe(H.ShortIdsCount);
        pass.Checkpoint.ShouldBe((H.ShortIdsFirstId + H.ShortIdsCount - 1).ToString(CultureInfo.InvariantCulture));

        var again = (await ReadPassAsync(source, Credentials(token), channel, pass.Checkpoint)).ShouldSucceed();
        again.Messages.ShouldBeEmpty();
    }

    [Test]
    public async Task GetPageAsync_WhenTheChannelIsRateLimitedForLong_ShouldBeRateLimitedWithRetryAfterPromptly()
    {
        var token = FakeTokens.Unique(D.Valid);

        var (result, elapsed) = await TimeAsync(() =>
            Source().GetPageAsync(Credentials(token), H.RateLimitedChannelId, null, null, CancellationToken.None));

        var error = ShouldFailWith(result.Error, ConnectionErrorCode.RateLimited, token);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(H.RateLimitedRetryAfterSeconds));
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        await ShouldSeeRequestsAsync(token, "/messages", 1);
    }

    [Test]
    public async Task GetPageAsync_WhenTheTokenIsResetMidPass_ShouldBeAuthExpiredOnTheLaterPage()
    {
        var token = FakeTokens.Unique(D.RevokeAfter2);

        var pass = await ReadPassAsync(Source(), Credentials(token), H.ManyMessagesChannelId, null);

        pass.Pages.Count.ShouldBe(2);
        pass.Checkpoint.ShouldBe(H.MessageId(H.ManyMessagesChannelId, 199), "the pages read are checkpointed");
        ShouldFailWith(pass.Error, ConnectionErrorCode.AuthExpired, token);
    }

    [Test]
    public async Task GetPageAsync_WhenTheTokenIsNotAccepted_ShouldBeAuthExpired()
    {
        var token = FakeTokens.Unique(D.Invalid);

        var result = await Source().GetPageAsync(Credentials(token), D.GeneralChannelId, null, null, CancellationToken.None);

        ShouldFailWith(result.Error, ConnectionErrorCode.AuthExpired, token);
    }

    [TestCase(D.SecretChannelId, TestName = "GetPageAsync_WhenTheBotCannotViewTheChannel_ShouldBeInsufficientPermissions")]
    [TestCase("1100000000000009999", TestName = "GetPageAsync_WhenTheChannelIsUnknown_ShouldBeInsufficientPermissions")]
    public async Task GetPageAsync_WhenTheBotCannotReadTheChannel_ShouldBeInsufficientPermissions(string channelId)
    {
        var token = FakeTokens.Unique(D.Valid);

        var result = await Source().GetPageAsync(Credentials(token), channelId, null, null, CancellationToken.None);

        ShouldFailWith(result.Error, ConnectionErrorCode.InsufficientPermissions, token);
    }

    [Test]
    public async Task GetPageAsync_WhenTheBotLacksReadMessageHistory_ShouldSeeAnEmptyChannel()
    {
        var result = await Source().GetPageAsync(
            Credentials(FakeTokens.Unique(D.Valid)), "1100000000000000221", null, null, CancellationToken.None);

        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        result.Value.Messages.ShouldBeEmpty("Discord answers 200 [] without READ_MESSAGE_HISTORY");
        result.Value.NextPageToken.ShouldBeNull();
        result.Value.Checkpoint.ShouldBeNull();
    }
}
