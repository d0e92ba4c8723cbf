using Connections.Application.Messages.Queries.GetMessages;

namespace Connections.Application.UnitTests.Messages;

/// <summary>The position a messages cursor seals: send time in UTC ticks, then the row key.</summary>
[TestFixture]
public class MessagePositionTests
{
    [Test]
    public void PositionOf_WhenParsed_ShouldReturnTheSameUtcInstantAndKey()
    {
        var sentAt = new DateTimeOffset(2026, 1, 15, 11, 30, 0, 123, TimeSpan.FromHours(2));

        var position = GetMessagesQuery.PositionOf(sentAt, 9_000_000_001);

        GetMessagesQuery.TryParsePosition(position, out var parsedAt, out var key).ShouldBeTrue();
        parsedAt.ShouldBe(sentAt);
        parsedAt.Offset.ShouldBe(TimeSpan.Zero);
        key.ShouldBe(9_000_000_001);
    }

    [TestCase("639041418000000000")]
    [TestCase("639041418000000000:42:7")]
    [TestCase("abc:42")]
    [TestCase("639041418000000000:abc")]
    [TestCase("-1:42")]
    [TestCase("3155378976000000000:42")]
    [TestCase("99999999999999999999:42")]
    [TestCase("")]
    public void TryParsePosition_WhenNotAPositionWeWrite_ShouldFail(string position) =>
        GetMessagesQuery.TryParsePosition(position, out _, out _).ShouldBeFalse();

    [Test]
    public void TryParsePosition_WhenTicksAreExactlyTheMaxDate_ShouldSucceed() =>
        GetMessagesQuery.TryParsePosition($"{DateTimeOffset.MaxValue.UtcTicks}:1", out _, out _).ShouldBeTrue();

    [Test]
    public void CursorScope_WhenAFilterChanges_ShouldChange()
    {
        var query = new GetMessagesQuery("conn_1", "C1", Q: "deploy");

        query.CursorScope().ShouldNotBe((query with { ChannelId = "C2" }).CursorScope());
        query.CursorScope().ShouldNotBe((query with { Q = "other" }).CursorScope());
        query.CursorScope().ShouldNotBe((query with { Since = DateTimeOffset.UnixEpoch }).CursorScope());
        query.CursorScope().ShouldNotBe((query with { ConnectionId = "conn_2" }).CursorScope());
        query.CursorScope().ShouldBe((query with { Limit = 7 }).CursorScope(), "the page size is not a filter");
    }

    [Test]
    public void CursorScope_WhenTheSameInstantIsSentWithAnotherOffset_ShouldNotChange()
    {
        var utc = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

        new GetMessagesQuery("conn_1", Since: utc).CursorScope()
            .ShouldBe(new GetMessagesQuery("conn_1", Since: utc.ToOffset(TimeSpan.FromHours(2))).CursorScope());
    }
}
