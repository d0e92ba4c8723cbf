using Connections.Application.Common.Interfaces;
using Connections.Application.Syncs;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Moq;

namespace Connections.Application.UnitTests.Syncs;

[TestFixture]
public class ChannelHistoryReaderTests
{
    private static readonly PlatformCredentials Credentials = new("xoxb-test");

    private static MessagePage Page(string? next) => new([], next, Checkpoint: null);

    private static Mock<IMessageSource> SourceOf(params (string? Token, Result<MessagePage> Page)[] pages)
    {
        var source = new Mock<IMessageSource>(MockBehavior.Strict);
        foreach (var (token, page) in pages)
        {
            source.Setup(s => s.GetPageAsync(Credentials, "C001", "cursor", token, It.IsAny<CancellationToken>())).ReturnsAsync(page);
        }

        return source;
    }

    [Test]
    public async Task ReadAsync_WhenThePassHasThreePages_ShouldYieldThemInOrderAndFetchOneAhead()
    {
        var source = SourceOf((null, Page("p2")), ("p2", Page("p3")), ("p3", Page(null)));
        await using var pages = ChannelHistoryReader.ReadAsync(source.Object, Credentials, "C001", "cursor", null, CancellationToken.None).GetAsyncEnumerator();

        (await pages.MoveNextAsync()).ShouldBeTrue();
        pages.Current.Value.NextPageToken.ShouldBe("p2");
        source.Verify(s => s.GetPageAsync(Credentials, "C001", "cursor", "p2", It.IsAny<CancellationToken>()), Times.Once, "the next page is on its way while the caller holds this one");
        (await pages.MoveNextAsync()).ShouldBeTrue();
        (await pages.MoveNextAsync()).ShouldBeTrue();
        pages.Current.Value.NextPageToken.ShouldBeNull();
        (await pages.MoveNextAsync()).ShouldBeFalse();
    }

    [Test]
    public async Task ReadAsync_WhenAPageFails_ShouldYieldTheFailureLast()
    {
        var source = SourceOf((null, Page("p2")), ("p2", new PlatformError(ConnectionErrorCode.RateLimited, "slow down")));

        var pages = await ChannelHistoryReader.ReadAsync(source.Object, Credentials, "C001", "cursor", null, CancellationToken.None).ToListAsync();

        pages.Count.ShouldBe(2);
        pages[1].Error.ShouldBeOfType<PlatformError>().ErrorCode.ShouldBe(ConnectionErrorCode.RateLimited);
    }

    [Test]
    public async Task ReadAsync_WhenTheCallerStopsEarly_ShouldCancelThePageOnItsWayAndWaitForIt()
    {
        var inFlight = new TaskCompletionSource<Result<MessagePage>>();
        var cancelled = false;
        var source = SourceOf((null, Page("p2")));
        source.Setup(s => s.GetPageAsync(Credentials, "C001", "cursor", "p2", It.IsAny<CancellationToken>()))
            .Returns<PlatformCredentials, string, string?, string?, CancellationToken>((_, _, _, _, token) =>
            {
                token.Register(() =>
                {
                    cancelled = true;
                    inFlight.TrySetCanceled(token);
                });
                return inFlight.Task;
            });

        await foreach (var page in ChannelHistoryReader.ReadAsync(source.Object, Credentials, "C001", "cursor", null, CancellationToken.None))
        {
            page.IsSuccess.ShouldBeTrue();
            break;
        }

        cancelled.ShouldBeTrue();
        inFlight.Task.IsCompleted.ShouldBeTrue();
    }

    [Test]
    public async Task ReadAsync_WhenTheSourceRejectsASavedPosition_ShouldAnswerAPlatformError()
    {
        var source = new Mock<IMessageSource>();
        source.Setup(s => s.GetPageAsync(Credentials, "C001", "cursor", "stale", It.IsAny<CancellationToken>())).ThrowsAsync(new ArgumentException("bad token"));

        var pages = await ChannelHistoryReader.ReadAsync(source.Object, Credentials, "C001", "cursor", "stale", CancellationToken.None).ToListAsync();

        pages.ShouldHaveSingleItem().Error.ShouldBeOfType<PlatformError>().ErrorCode.ShouldBe(ConnectionErrorCode.PlatformError);
    }
}
