using Connections.Domain.Connections;
using Connections.Domain.Syncs;

namespace Connections.Domain.UnitTests.Syncs;

/// <summary>The run's rules every path shares: what is active, which channel failure fails the run, abandoning a run.</summary>
[TestFixture]
public class SyncRunRuleTests
{
    private const string ConnectionId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";

    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(1);
    private static readonly DateTimeOffset T2 = T0.AddMinutes(2);

    private static SyncRun RunningOver(params string[] channelIds)
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Scheduled, T0);
        run.Start(channelIds, T1);
        return run;
    }

    // ---------- Active ----------

    [Test]
    public void Active_ForEveryStatus_ShouldHoldForQueuedAndRunningOnlyAndAgreeWithIsActive()
    {
        var queued = SyncRun.Queue(ConnectionId, SyncTrigger.Manual, T0);
        var running = RunningOver("C001");
        var succeeded = RunningOver();
        succeeded.Finish(T2);
        var failed = RunningOver("C001");
        failed.Fail(ConnectionErrorCode.AuthExpired, "revoked", T2);
        var partial = RunningOver("C001", "C002");
        partial.Channel("C001").Finish(ChannelSyncStatus.Succeeded);
        partial.Channel("C002").Finish(ChannelSyncStatus.Paused, ConnectionErrorCode.RateLimited, "slow down");
        partial.Finish(T2);
        var active = SyncRun.Active.Compile();

        SyncRun[] runs = [queued, running, succeeded, failed, partial];

        runs.Select(r => r.Status).ShouldBe([SyncRunStatus.Queued, SyncRunStatus.Running, SyncRunStatus.Succeeded, SyncRunStatus.Failed, SyncRunStatus.Partial]);
        runs.Select(r => active(r)).ShouldBe([true, true, false, false, false]);
        runs.Select(r => r.IsActive).ShouldBe([true, true, false, false, false]);
    }

    // ---------- RecordChannelFailure ----------

    [TestCase(ConnectionErrorCode.AuthExpired)]
    [TestCase(ConnectionErrorCode.InvalidCredentials)]
    public void RecordChannelFailure_WhenCredentialsRevokedOrExpired_ShouldFailTheWholeRun(ConnectionErrorCode code)
    {
        var run = RunningOver("C001", "C002");
        run.Channel("C001").Finish(ChannelSyncStatus.Succeeded);

        run.RecordChannelFailure("C002", code, "revoked", T2).ShouldBeTrue();

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.ErrorCode.ShouldBe(code);
        run.ErrorMessage.ShouldBe("revoked");
        run.FinishedAt.ShouldBe(T2);
        run.Channel("C001").Status.ShouldBe(ChannelSyncStatus.Succeeded);
        run.Channel("C002").Status.ShouldBe(ChannelSyncStatus.Failed);
        run.Channel("C002").ErrorMessage.ShouldBe("Not synced: revoked");
    }

    [TestCase(ConnectionErrorCode.RateLimited, ChannelSyncStatus.Paused)]
    [TestCase(ConnectionErrorCode.InsufficientPermissions, ChannelSyncStatus.Inaccessible)]
    [TestCase(ConnectionErrorCode.NetworkError, ChannelSyncStatus.Failed)]
    [TestCase(ConnectionErrorCode.PlatformError, ChannelSyncStatus.Failed)]
    public void RecordChannelFailure_WhenTheFailureConcernsOneChannel_ShouldEndOnlyThatChannel(ConnectionErrorCode code, ChannelSyncStatus expected)
    {
        var run = RunningOver("C001", "C002");

        run.RecordChannelFailure("C001", code, "no", T2).ShouldBeFalse();

        run.Status.ShouldBe(SyncRunStatus.Running);
        run.FinishedAt.ShouldBeNull();
        run.Channel("C001").Status.ShouldBe(expected);
        run.Channel("C001").ErrorCode.ShouldBe(code);
        run.Channel("C001").ErrorMessage.ShouldBe("no");
        run.Channel("C002").Status.ShouldBe(ChannelSyncStatus.Pending);
    }

    [Test]
    public void RecordChannelFailure_WhenQueued_ShouldThrowAndStayQueued()
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Manual, T0);

        Should.Throw<InvalidOperationException>(() => run.RecordChannelFailure("C001", ConnectionErrorCode.AuthExpired, "revoked", T1));

        run.Status.ShouldBe(SyncRunStatus.Queued);
    }

    [Test]
    public void RecordChannelFailure_WhenChannelNotPartOfTheRun_ShouldThrow()
    {
        var run = RunningOver("C001");

        Should.Throw<InvalidOperationException>(() => run.RecordChannelFailure("C999", ConnectionErrorCode.RateLimited, "slow down", T2));
    }

    // ---------- ReadNoChannel ----------

    [Test]
    public void ReadNoChannel_WhenEveryChannelInaccessible_ShouldBeTrue()
    {
        var run = RunningOver("C001", "C002");
        run.RecordChannelFailure("C001", ConnectionErrorCode.InsufficientPermissions, "no", T2);
        run.RecordChannelFailure("C002", ConnectionErrorCode.InsufficientPermissions, "no", T2);

        run.ReadNoChannel.ShouldBeTrue();
    }

    [Test]
    public void ReadNoChannel_WhenOneChannelWasReadable_ShouldBeFalse()
    {
        var run = RunningOver("C001", "C002");
        run.RecordChannelFailure("C001", ConnectionErrorCode.InsufficientPermissions, "no", T2);
        run.RecordChannelFailure("C002", ConnectionErrorCode.RateLimited, "slow down", T2);

        run.ReadNoChannel.ShouldBeFalse();
    }

    [Test]
    public void ReadNoChannel_WhenTheRunHasNoChannels_ShouldBeFalse()
    {
        RunningOver().ReadNoChannel.ShouldBeFalse();
    }

    // ---------- Abandon ----------

    [Test]
    public void Abandon_WhenQueued_ShouldStartAndFailIt()
    {
        var run = SyncRun.Queue(ConnectionId, SyncTrigger.Manual, T0);

        run.Abandon(ConnectionErrorCode.PlatformError, "internal error", T1);

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.StartedAt.ShouldBe(T1);
        run.FinishedAt.ShouldBe(T1);
        run.ErrorCode.ShouldBe(ConnectionErrorCode.PlatformError);
        run.Channels.ShouldBeEmpty();
    }

    [Test]
    public void Abandon_WhenRunning_ShouldFailPendingChannelsAndKeepTheStart()
    {
        var run = RunningOver("C001", "C002");
        run.Channel("C001").Finish(ChannelSyncStatus.Succeeded);

        run.Abandon(ConnectionErrorCode.InvalidCredentials, "The connection is error.", T2);

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.StartedAt.ShouldBe(T1);
        run.Channel("C001").Status.ShouldBe(ChannelSyncStatus.Succeeded);
        run.Channel("C002").Status.ShouldBe(ChannelSyncStatus.Failed);
    }

    [Test]
    public void Abandon_WhenFinished_ShouldThrowAndKeepTheOutcome()
    {
        var run = RunningOver();
        run.Finish(T1);

        Should.Throw<InvalidOperationException>(() => run.Abandon(ConnectionErrorCode.PlatformError, "late", T2));

        run.Status.ShouldBe(SyncRunStatus.Succeeded);
    }
}
