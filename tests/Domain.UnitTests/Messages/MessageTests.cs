using Connections.Domain.Messages;

namespace Connections.Domain.UnitTests.Messages;

[TestFixture]
public class MessageTests
{
    private const string ConnectionId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";

    private static readonly DateTimeOffset SentAt = new(2026, 1, 15, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EditedAt = SentAt.AddMinutes(3);
    private static readonly DateTimeOffset StoredAt = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private static Message NewMessage(string text = "Deploy is DONE, Ünïcode OK", DateTimeOffset? editedAt = null) =>
        Message.Create(ConnectionId, "C001", "1768469400.000100", "U123", "alice", text, SentAt, "1768469000.000050", new MessageVersion(editedAt, null), StoredAt);

    // ---------- Create ----------

    [Test]
    public void Create_WhenValid_ShouldCopyFieldsAndLowerCaseTheSearchText()
    {
        var message = NewMessage();

        Assert.That(message.ConnectionId, Is.EqualTo(ConnectionId));
        Assert.That(message.ChannelId, Is.EqualTo("C001"));
        Assert.That(message.PlatformId, Is.EqualTo("1768469400.000100"));
        Assert.That(message.AuthorId, Is.EqualTo("U123"));
        Assert.That(message.AuthorName, Is.EqualTo("alice"));
        Assert.That(message.Text, Is.EqualTo("Deploy is DONE, Ünïcode OK"));
        Assert.That(message.SearchText, Is.EqualTo("deploy is done, ünïcode ok"));
        Assert.That(message.SentAt, Is.EqualTo(SentAt));
        Assert.That(message.ThreadId, Is.EqualTo("1768469000.000050"));
        Assert.That(message.EditedAt, Is.Null);
        Assert.That(message.StoredAt, Is.EqualTo(StoredAt));
    }

    [Test]
    public void Create_WhenTextNull_ShouldStoreEmptyText()
    {
        var message = NewMessage(text: null!);

        message.Text.ShouldBe(string.Empty);
        message.SearchText.ShouldBe(string.Empty);
    }

    [TestCase(null, "C001", "1.0", "connectionId")]
    [TestCase(ConnectionId, " ", "1.0", "channelId")]
    [TestCase(ConnectionId, "C001", "", "platformId")]
    public void Create_WhenKeyMissing_ShouldThrowNamingIt(string? connectionId, string channelId, string platformId, string expectedParam)
    {
        Should.Throw<ArgumentException>(() =>
                Message.Create(connectionId!, channelId, platformId, null, null, "x", SentAt, null, default, StoredAt))
            .ParamName.ShouldBe(expectedParam);
    }

    // ---------- Update ----------

    [Test]
    public void Update_WhenNothingChanged_ShouldReturnFalseAndKeepEverything()
    {
        var message = NewMessage();

        var changed = message.Update("U123", "alice", "Deploy is DONE, Ünïcode OK", default);

        changed.ShouldBeFalse();
        message.Text.ShouldBe("Deploy is DONE, Ünïcode OK");
        message.EditedAt.ShouldBeNull();
    }

    [Test]
    public void Update_WhenSameEditSeenAgain_ShouldReturnFalse()
    {
        var message = NewMessage("v2", EditedAt);

        message.Update("U123", "alice", "v2", new MessageVersion(EditedAt, null)).ShouldBeFalse();
    }

    [Test]
    public void Update_WhenTextEdited_ShouldReturnTrueAndRefreshTextSearchTextAndEditedAt()
    {
        var message = NewMessage("Deploy at 5");

        var changed = message.Update("U123", "alice", "Deploy at SIX", new MessageVersion(EditedAt, null));

        changed.ShouldBeTrue();
        message.Text.ShouldBe("Deploy at SIX");
        message.SearchText.ShouldBe("deploy at six");
        message.EditedAt.ShouldBe(EditedAt);
    }

    [Test]
    public void Update_WhenOnlyEditedAtChanges_ShouldReturnTrueAndStoreIt()
    {
        var message = NewMessage("same text");

        message.Update("U123", "alice", "same text", new MessageVersion(EditedAt, null)).ShouldBeTrue();

        message.EditedAt.ShouldBe(EditedAt);
    }

    [Test]
    public void Update_WhenAuthorNotGiven_ShouldKeepTheKnownAuthor()
    {
        var message = NewMessage("Deploy at 5");

        var changed = message.Update(null, null, "Deploy at 6", new MessageVersion(EditedAt, null));

        changed.ShouldBeTrue();
        message.AuthorId.ShouldBe("U123");
        message.AuthorName.ShouldBe("alice");
        message.Text.ShouldBe("Deploy at 6");
    }

    [Test]
    public void Update_WhenAuthorNotGivenAndTextSame_ShouldReturnFalse()
    {
        var message = NewMessage("Deploy at 5");

        message.Update(null, null, "Deploy at 5", default).ShouldBeFalse();

        message.AuthorName.ShouldBe("alice");
    }

    [Test]
    public void Update_WhenTheSameVersionNamesTheAuthor_ShouldStoreNothing()
    {
        // Equal versions are the same message seen again: nothing is written, not even a name the stored one lacked.
        var message = Message.Create(ConnectionId, "C001", "1.0", "U123", null, "hi", SentAt, null, default, StoredAt);

        message.Update("U123", "alice", "hi", default).ShouldBeFalse();

        message.AuthorName.ShouldBeNull();
    }

    [Test]
    public void Update_WhenEdited_ShouldKeepIdentityAndSentAt()
    {
        var message = NewMessage("v1");

        message.Update("U123", "alice", "v2", new MessageVersion(EditedAt, null));

        message.PlatformId.ShouldBe("1768469400.000100");
        message.ChannelId.ShouldBe("C001");
        message.SentAt.ShouldBe(SentAt);
        message.ThreadId.ShouldBe("1768469000.000050");
        message.StoredAt.ShouldBe(StoredAt);
    }
}
