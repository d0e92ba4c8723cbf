using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.Domain.Syncs;

namespace Connections.Domain.UnitTests.Syncs;

[TestFixture]
public class SyncRunTests
{
    private const string ConnectionId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";

    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    private static readonly DateTimeOffset T2 = T0.AddMinutes(2);
    private static readonly DateTimeOffset T3 = T0.AddMinutes(3);

    private static SyncRun RunningOver(params string[] channelIds)
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Scheduled, T0);
        run.Start(channelIds, T1);
        return run;
    }

    private static SyncRun FinishedRun()
    {
        var run = RunningOver("C001");
        run.Channel("C001").Finish(ChannelSyncStatus.Succeeded);
        run.Finish(T2);
        return run;
    }

    private static SyncRun FailedRun()
    {
        var run = RunningOver("C001");
        run.Fail(ConnectionErrorCode.AuthExpired, "revoked", T2);
        return run;
    }

    // ---------- Queue ----------

    [Test]
    public void Queue_WhenCalled_ShouldBeQueuedAndActiveWithSyncPrefixedId()
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Manual, T0);

        Assert.That(run.Id, Does.StartWith("sync_"));
        Assert.That(SyncRun.IdPrefix, Is.EqualTo("sync_"));
        Assert.That(Ids.IsValid(run.Id, SyncRun.IdPrefix), Is.True);
        Assert.That(run.ConnectionId, Is.EqualTo(ConnectionId));
        Assert.That(run.Trigger, Is.EqualTo(SyncTrigger.Manual));
        Assert.That(run.Status, Is.EqualTo(SyncRunStatus.Queued));
        Assert.That(run.IsActive, Is.True);
        Assert.That(run.QueuedAt, Is.EqualTo(T0));
        Assert.That(run.StartedAt, Is.Null);
        Assert.That(run.FinishedAt, Is.Null);
        Assert.That(run.MessagesFetched, Is.Zero);
        Assert.That(run.Channels, Is.Empty);
        Assert.That(run.ErrorCode, Is.Null);
        Assert.That(run.ErrorMessage, Is.Null);
    }

    [Test]
    public void Queue_WhenQueuedLater_ShouldSortAfterTheEarlierRun()
    {
        var earlier = SyncRun.Queue(ConnectionId, SyncTrigger.Scheduled, T0);
        var later = SyncRun.Queue(ConnectionId, SyncTrigger.Scheduled, T0.AddMilliseconds(1));

        string.CompareOrdinal(earlier.Id, later.Id).ShouldBeLessThan(0);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Queue_WhenConnectionIdBlank_ShouldThrowArgumentException(string? connectionId)
    {
        Should.Throw<ArgumentException>(() => SyncRun.Queue(connectionId!, SyncTrigger.Manual, T0)).ParamName.ShouldBe("connectionId");
    }

    // ---------- Start ----------

    [Test]
    public void Start_WhenQueued_ShouldRunWithOnePendingChannelPerId()
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Manual, T0);

        run.Start(["C001", "C002"], T1);

        run.Status.ShouldBe(SyncRunStatus.Running);
        run.IsActive.ShouldBeTrue();
        run.StartedAt.ShouldBe(T1);
        run.Channels.Select(c => c.ChannelId).ShouldBe(["C001", "C002"]);
        run.Channels.ShouldAllBe(c => c.Status == ChannelSyncStatus.Pending && c.RunId == run.Id && c.MessagesFetched == 0);
    }

    [Test]
    public void Start_WhenRestartedAfterACrash_ShouldKeepFirstStartAndAddEachChannelOnce()
    {
        var run = RunningOver("C001", "C002");
        run.RecordMessages("C001", 4);

        run.Start(["C002", "C001", "C003"], T2);

        run.Status.ShouldBe(SyncRunStatus.Running);
        run.StartedAt.ShouldBe(T1);
        run.Channels.Select(c => c.ChannelId).ShouldBe(["C001", "C002", "C003"]);
        run.Channel("C001").MessagesFetched.ShouldBe(4, "restarting must not reset a channel's progress");
        run.MessagesFetched.ShouldBe(4);
    }

    [Test]
    public void Start_WhenSameIdListedTwice_ShouldAddItOnce()
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Manual, T0);

        run.Start(["C001", "C001"], T1);

        run.Channels.ShouldHaveSingleItem().ChannelId.ShouldBe("C001");
    }

    [Test]
    public void Start_WhenFinished_ShouldThrowAndStayFinished()
    {
        var run = FinishedRun();

        Should.Throw<InvalidOperationException>(() => run.Start(["C009"], T3)).Message.ShouldContain("Succeeded");
        run.Status.ShouldBe(SyncRunStatus.Succeeded);
        run.IsActive.ShouldBeFalse();
        run.Channels.Select(c => c.ChannelId).ShouldBe(["C001"]);
    }

    [Test]
    public void Start_WhenFailed_ShouldThrow()
    {
        var run = FailedRun();

        Should.Throw<InvalidOperationException>(() => run.Start(["C001"], T3));
        run.Status.ShouldBe(SyncRunStatus.Failed);
    }

    // ---------- Channel / RecordMessages ----------

    [Test]
    public void Channel_WhenNotPartOfTheRun_ShouldThrowNamingIt()
    {
        var run = RunningOver("C001");

        Should.Throw<InvalidOperationException>(() => run.Channel("C404")).Message.ShouldContain("C404");
    }

    [Test]
    public void Channel_WhenIdDiffersOnlyInCase_ShouldThrow()
    {
        var run = RunningOver("C001");

        Should.Throw<InvalidOperationException>(() => run.Channel("c001"));
    }

    [Test]
    public void RecordMessages_WhenCalledPerChannel_ShouldCountPerChannelAndInTotal()
    {
        var run = RunningOver("C001", "C002", "C003");

        run.RecordMessages("C001", 100);
        run.RecordMessages("C002", 7);
        run.RecordMessages("C001", 23);

        run.Channel("C001").MessagesFetched.ShouldBe(123);
        run.Channel("C002").MessagesFetched.ShouldBe(7);
        run.Channel("C003").MessagesFetched.ShouldBe(0);
        run.MessagesFetched.ShouldBe(130);
    }

    [Test]
    public void RecordMessages_WhenChannelUnknown_ShouldThrowAndNotCount()
    {
        var run = RunningOver("C001");

        Should.Throw<InvalidOperationException>(() => run.RecordMessages("C404", 5));
        run.MessagesFetched.ShouldBe(0);
    }

    // ---------- Finish ----------

    [Test]
    public void Finish_WhenEveryChannelSucceeded_ShouldSucceedWithoutError()
    {
        var run = RunningOver("C001", "C002");
        run.Channel("C001").Finish(ChannelSyncStatus.Succeeded);
        run.Channel("C002").Finish(ChannelSyncStatus.Succeeded);

        run.Finish(T2);

        run.Status.ShouldBe(SyncRunStatus.Succeeded);
        run.IsActive.ShouldBeFalse();
        run.FinishedAt.ShouldBe(T2);
        run.ErrorCode.ShouldBeNull();
        run.ErrorMessage.ShouldBeNull();
    }

    [Test]
    public void Finish_WhenNoChannels_ShouldSucceed()
    {
        var run = RunningOver();

        run.Finish(T2);

        run.Status.ShouldBe(SyncRunStatus.Succeeded);
        run.ErrorCode.ShouldBeNull();
        run.ErrorMessage.ShouldBeNull();
        run.FinishedAt.ShouldBe(T2);
    }

    [Test]
    public void Finish_WhenEveryChannelFailedOrInaccessible_ShouldFailWithTheFirstChannelsError()
    {
        var run = RunningOver("C001", "C002");
        run.Channel("C001").Finish(ChannelSyncStatus.Inaccessible, ConnectionErrorCode.InsufficientPermissions, "bot was removed from #general");
        run.Channel("C002").Finish(ChannelSyncStatus.Failed, ConnectionErrorCode.PlatformError, "Slack returned 500");

        run.Finish(T2);

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.IsActive.ShouldBeFalse();
        run.ErrorCode.ShouldBe(ConnectionErrorCode.InsufficientPermissions);
        run.ErrorMessage.ShouldBe("2 of 2 channels did not finish: bot was removed from #general");
        run.FinishedAt.ShouldBe(T2);
    }

    [Test]
    public void Finish_WhenSomeSucceededAndOneFailed_ShouldBePartialWithTheFailedChannelsError()
    {
        var run = RunningOver("C001", "C002", "C003");
        run.Channel("C001").Finish(ChannelSyncStatus.Succeeded);
        run.Channel("C002").Finish(ChannelSyncStatus.Failed, ConnectionErrorCode.NetworkError, "timed out");
        run.Channel("C003").Finish(ChannelSyncStatus.Succeeded);

        run.Finish(T2);

        run.Status.ShouldBe(SyncRunStatus.Partial);
        run.ErrorCode.ShouldBe(ConnectionErrorCode.NetworkError);
        run.ErrorMessage.ShouldBe("1 of 3 channels did not finish: timed out");
    }

    [Test]
    public void Finish_WhenOnlyPausedAndFailedChannels_ShouldBePartialNotFailed()
    {
        var run = RunningOver("C001", "C002");
        run.Channel("C001").Finish(ChannelSyncStatus.Paused, ConnectionErrorCode.RateLimited, "rate limited for 120 s");
        run.Channel("C002").Finish(ChannelSyncStatus.Failed, ConnectionErrorCode.PlatformError, "Slack returned 500");

        run.Finish(T2);

        run.Status.ShouldBe(SyncRunStatus.Partial, "a paused channel resumes next run, so the run did not simply fail");
        run.ErrorCode.ShouldBe(ConnectionErrorCode.RateLimited);
        run.ErrorMessage.ShouldBe("2 of 2 channels did not finish: rate limited for 120 s");
    }

    [Test]
    public void Finish_WhenOneChannelPausedAndRestSucceeded_ShouldBePartial()
    {
        var run = RunningOver("C001", "C002");
        run.Channel("C001").Finish(ChannelSyncStatus.Succeeded);
        run.Channel("C002").Finish(ChannelSyncStatus.Paused, ConnectionErrorCode.RateLimited, "rate limited");

        run.Finish(T2);

        run.Status.ShouldBe(SyncRunStatus.Partial);
        run.ErrorCode.ShouldBe(ConnectionErrorCode.RateLimited);
        run.ErrorMessage.ShouldBe("1 of 2 channels did not finish: rate limited");
    }

    [Test]
    public void Finish_WhenQueued_ShouldThrowAndStayQueued()
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Manual, T0);

        Should.Throw<InvalidOperationException>(() => run.Finish(T1)).Message.ShouldContain("not running");
        run.Status.ShouldBe(SyncRunStatus.Queued);
        run.FinishedAt.ShouldBeNull();
    }

    [Test]
    public void Finish_WhenAlreadyFinished_ShouldThrowAndKeepTheFirstFinish()
    {
        var run = FinishedRun();

        Should.Throw<InvalidOperationException>(() => run.Finish(T3));
        run.FinishedAt.ShouldBe(T2);
        run.Status.ShouldBe(SyncRunStatus.Succeeded);
    }

    // ---------- Fail ----------

    [Test]
    public void Fail_WhenRunning_ShouldFailPendingChannelsWithTheCodeAndKeepFinishedOnes()
    {
        var run = RunningOver("C001", "C002", "C003");
        run.Channel("C001").Finish(ChannelSyncStatus.Succeeded);

        run.Fail(ConnectionErrorCode.AuthExpired, "token revoked", T2);

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.IsActive.ShouldBeFalse();
        run.ErrorCode.ShouldBe(ConnectionErrorCode.AuthExpired);
        run.ErrorMessage.ShouldBe("token revoked");
        run.FinishedAt.ShouldBe(T2);

        var succeeded = run.Channel("C001");
        succeeded.Status.ShouldBe(ChannelSyncStatus.Succeeded);
        succeeded.ErrorCode.ShouldBeNull();
        foreach (var id in new[] { "C002", "C003" })
        {
            var channel = run.Channel(id);
            channel.Status.ShouldBe(ChannelSyncStatus.Failed);
            channel.ErrorCode.ShouldBe(ConnectionErrorCode.AuthExpired);
            channel.ErrorMessage.ShouldBe("Not synced: token revoked");
        }
    }

    [Test]
    public void Fail_WhenAChannelWasPaused_ShouldLeaveItPaused()
    {
        var run = RunningOver("C001");
        run.Channel("C001").Finish(ChannelSyncStatus.Paused, ConnectionErrorCode.RateLimited, "rate limited");

        run.Fail(ConnectionErrorCode.InvalidCredentials, "bad token", T2);

        var channel = run.Channel("C001");
        channel.Status.ShouldBe(ChannelSyncStatus.Paused);
        channel.ErrorCode.ShouldBe(ConnectionErrorCode.RateLimited);
        run.ErrorCode.ShouldBe(ConnectionErrorCode.InvalidCredentials);
    }

    [Test]
    public void Fail_WhenQueued_ShouldThrowAndStayQueued()
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Manual, T0);

        Should.Throw<InvalidOperationException>(() => run.Fail(ConnectionErrorCode.AuthExpired, "x", T1));
        run.Status.ShouldBe(SyncRunStatus.Queued);
        run.ErrorCode.ShouldBeNull();
    }

    [Test]
    public void Fail_WhenAlreadySucceeded_ShouldThrowAndKeepTheOutcome()
    {
        var run = FinishedRun();

        Should.Throw<InvalidOperationException>(() => run.Fail(ConnectionErrorCode.AuthExpired, "x", T3));
        run.Status.ShouldBe(SyncRunStatus.Succeeded);
        run.ErrorCode.ShouldBeNull();
        run.FinishedAt.ShouldBe(T2);
    }

    [Test]
    public void Fail_WhenAlreadyFailed_ShouldThrowAndKeepTheFirstReason()
    {
        var run = FailedRun();

        Should.Throw<InvalidOperationException>(() => run.Fail(ConnectionErrorCode.NetworkError, "second", T3));
        run.ErrorCode.ShouldBe(ConnectionErrorCode.AuthExpired);
        run.ErrorMessage.ShouldBe("revoked");
    }

    // ---------- SyncErrors ----------

    [Test]
    public void AlreadyActive_WhenCreated_ShouldBeConflictNamingTheRun()
    {
        var error = SyncErrors.AlreadyActive("sync_abc");

        error.Code.ShouldBe("SYNC_IN_PROGRESS");
        error.Type.ShouldBe(ErrorType.Conflict);
        error.Message.ShouldContain("sync_abc");
    }

    [Test]
    public void NotConnected_WhenCreated_ShouldNameTheStatusInLowerCase()
    {
        var error = SyncErrors.NotConnected(ConnectionStatus.Disconnected);

        error.Code.ShouldBe("CONNECTION_NOT_CONNECTED");
        error.Type.ShouldBe(ErrorType.Conflict);
        error.Message.ShouldStartWith("The connection is disconnected;");
    }
}
