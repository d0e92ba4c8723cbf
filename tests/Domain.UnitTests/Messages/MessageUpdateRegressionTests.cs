using Connections.Domain.Messages;

namespace Connections.Domain.UnitTests.Messages;

/// <summary>
/// A stored message never moves backwards (issue 11, defect 2; ADR 0017): whatever order events, Slack's retries and
/// polls arrive in, it keeps the newest version by edit time, then event time.
/// </summary>
[TestFixture]
public class MessageUpdateRegressionTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Edit1 = SentAt.AddMinutes(3);
    private static readonly DateTimeOffset Edit2 = SentAt.AddMinutes(5);

    private static Message Stored(string text, MessageVersion version) =>
        Message.Create("conn_x", "C001", "1.0", "U123", "alice", text, SentAt, null, version, SentAt);

    [Test]
    public void Update_WhenEditedMessageSeenAgainWithoutEditedAt_ShouldReturnFalse()
    {
        var message = Stored("v2", new MessageVersion(Edit1, null));

        var changed = message.Update("U123", "alice", "v2", default);

        changed.ShouldBeFalse();
        message.EditedAt.ShouldBe(Edit1);
    }

    [Test]
    public void Update_WhenSlackRetriesTheOriginalDeliveryAfterTheEdit_ShouldKeepTheEditedText()
    {
        var message = Stored("original", new MessageVersion(null, SentAt));
        message.Update("U123", "alice", "edited", new MessageVersion(Edit1, Edit1)).ShouldBeTrue();

        var changed = message.Update("U123", "alice", "original", new MessageVersion(null, SentAt));

        changed.ShouldBeFalse();
        message.Text.ShouldBe("edited");
        message.EditedAt.ShouldBe(Edit1);
    }

    [Test]
    public void Update_WhenAnOlderEditArrivesAfterANewerOne_ShouldKeepTheNewer()
    {
        var message = Stored("third", new MessageVersion(Edit2, Edit2));

        message.Update("U123", "alice", "second", new MessageVersion(Edit1, Edit1)).ShouldBeFalse();

        message.Text.ShouldBe("third");
        message.EditedAt.ShouldBe(Edit2);
    }

    [Test]
    public void Update_WhenAPollReadsAnOlderTextThanAnEventStored_ShouldNotOverwrite()
    {
        var message = Stored("edited by the event", new MessageVersion(Edit1, Edit1));

        message.Update("U123", "alice", "stale read", new MessageVersion(null, null)).ShouldBeFalse();
        message.Update("U123", "alice", "stale read of the same edit", new MessageVersion(Edit1, null)).ShouldBeFalse();

        message.Text.ShouldBe("edited by the event");
    }

    [Test]
    public void Update_WhenAnEventCarriesTheEditAPollStored_ShouldKeepTheStoredOne()
    {
        var message = Stored("read by the poll", new MessageVersion(Edit1, null));

        message.Update("U123", "alice", "delivered late", new MessageVersion(Edit1, Edit2)).ShouldBeFalse();

        message.Text.ShouldBe("read by the poll");
        message.EventAt.ShouldBeNull();
    }

    [Test]
    public void Update_WhenTwoEditsShareAnEditTime_ShouldKeepTheLaterEvent()
    {
        // Slack's edited.ts has whole seconds: two edits within one second are ordered by their event_ts.
        var message = Stored("first edit", new MessageVersion(Edit1, Edit1.AddMilliseconds(100)));

        message.Update("U123", "alice", "second edit", new MessageVersion(Edit1, Edit1.AddMilliseconds(700))).ShouldBeTrue();
        message.Update("U123", "alice", "first edit", new MessageVersion(Edit1, Edit1.AddMilliseconds(100))).ShouldBeFalse();

        message.Text.ShouldBe("second edit");
        message.EventAt.ShouldBe(Edit1.AddMilliseconds(700));
    }

    [Test]
    public void Update_WhenAPollReadsANewerEdit_ShouldStoreItAsTheReadVersion()
    {
        var message = Stored("original", new MessageVersion(null, SentAt));

        message.Update(null, null, "edited", new MessageVersion(Edit1, null)).ShouldBeTrue();

        message.Text.ShouldBe("edited");
        message.Version.ShouldBe(new MessageVersion(Edit1, null));
        message.AuthorId.ShouldBe("U123", "a newer version without an author keeps the stored one");
    }

    [Test]
    public void Update_WhenOnlyAuthorIdDiffersAtTheSameVersion_ShouldStoreNothing()
    {
        var message = Message.Create("conn_x", "C001", "1.0", null, "alice", "v2", SentAt, null, default, SentAt);

        var changed = message.Update("U123", "alice", "v2", default);

        changed.ShouldBeFalse();
        message.AuthorId.ShouldBeNull();
    }
}
