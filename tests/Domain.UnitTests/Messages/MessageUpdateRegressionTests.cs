using Connections.Domain.Messages;

namespace Connections.Domain.UnitTests.Messages;

[TestFixture]
public class MessageUpdateRegressionTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);

    [Test]
    public void Update_WhenEditedMessageSeenAgainWithoutEditedAt_ShouldReturnFalse()
    {
        var message = Message.Create("conn_x", "C001", "1.0", "U123", "alice", "v2", SentAt, null, SentAt.AddMinutes(3), SentAt);

        var changed = message.Update("U123", "alice", "v2", null);

        changed.ShouldBeFalse();
        message.EditedAt.ShouldBe(SentAt.AddMinutes(3));
    }

    [Test]
    public void Update_WhenOnlyAuthorIdChanges_ShouldStoreIt()
    {
        var message = Message.Create("conn_x", "C001", "1.0", null, "alice", "v2", SentAt, null, null, SentAt);

        var changed = message.Update("U123", "alice", "v2", null);

        changed.ShouldBeTrue();
        message.AuthorId.ShouldBe("U123");
    }
}
