using Connections.Domain.Connections;
using Connections.Domain.Syncs;

namespace Connections.Domain.UnitTests.Connections;

/// <summary>"May this connection sync now": one rule for the caller's request and the scheduler's.</summary>
[TestFixture]
public class ConnectionRequestSyncTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);
    private static readonly DateTimeOffset T2 = T0.AddMinutes(10);

    private static readonly DiscoveredChannel General = new("C001", "#general", false, 12);

    private static Connection NewConnection() =>
        Connection.Create(Platform.Slack, "Team", "alice@example.com", "protected-blob", "T0001", ConnectionSettings.Default, [General], T0);

    /// <summary>A connected connection with #general chosen at <see cref="T1"/>: its first sync is due at T1.</summary>
    private static Connection Selected()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T1).IsSuccess.ShouldBeTrue();
        return connection;
    }

    private static bool IsDue(Connection connection, DateTimeOffset now) => Connection.DueForSync(now).Compile()(connection);

    [Test]
    public void RequestSync_WhenManualAndChannelsChosen_ShouldQueueAManualRunOfTheConnection()
    {
        var connection = Selected();

        var run = connection.RequestSync(SyncTrigger.Manual, T2);

        run.IsSuccess.ShouldBeTrue();
        run.Value.ConnectionId.ShouldBe(connection.Id);
        run.Value.Trigger.ShouldBe(SyncTrigger.Manual);
        run.Value.Status.ShouldBe(SyncRunStatus.Queued);
        run.Value.QueuedAt.ShouldBe(T2);
    }

    [Test]
    public void RequestSync_WhenManualAndNoChannelChosen_ShouldFailWithNoChannelsSelected()
    {
        var result = NewConnection().RequestSync(SyncTrigger.Manual, T2);

        result.Error.ShouldNotBeNull().Code.ShouldBe("NO_CHANNELS_SELECTED");
    }

    [Test]
    public void RequestSync_WhenManualBeforeTheScheduledTime_ShouldStillQueue()
    {
        var connection = Selected();
        connection.RecordSyncFinished(succeeded: true, T2);

        connection.RequestSync(SyncTrigger.Manual, T2).IsSuccess.ShouldBeTrue();
    }

    [TestCase(SyncTrigger.Manual)]
    [TestCase(SyncTrigger.Scheduled)]
    public void RequestSync_WhenDisconnected_ShouldFailWithNotConnectedNamingTheStatus(SyncTrigger trigger)
    {
        var connection = Selected();
        connection.Disconnect(T1);

        var error = connection.RequestSync(trigger, T2).Error.ShouldNotBeNull();

        error.Code.ShouldBe("CONNECTION_NOT_CONNECTED");
        error.Message.ShouldContain("disconnected");
    }

    [Test]
    public void RequestSync_WhenInError_ShouldFailWithNotConnected()
    {
        var connection = Selected();
        connection.MarkFailed(ConnectionErrorCode.InvalidCredentials, "revoked", T1);

        connection.RequestSync(SyncTrigger.Scheduled, T2).Error.ShouldNotBeNull().Code.ShouldBe("CONNECTION_NOT_CONNECTED");
    }

    [Test]
    public void RequestSync_WhenScheduledAndDue_ShouldQueueAScheduledRun()
    {
        var run = Selected().RequestSync(SyncTrigger.Scheduled, T1);

        run.IsSuccess.ShouldBeTrue();
        run.Value.Trigger.ShouldBe(SyncTrigger.Scheduled);
    }

    [Test]
    public void RequestSync_WhenScheduledBeforeTheNextSync_ShouldFailWithNotDue()
    {
        var connection = Selected();
        connection.RecordSyncFinished(succeeded: true, T2);

        connection.RequestSync(SyncTrigger.Scheduled, T2.AddMinutes(1)).Error.ShouldNotBeNull().Code.ShouldBe("SYNC_NOT_DUE");
    }

    [Test]
    public void RequestSync_WhenScheduledAndNothingScheduled_ShouldFailWithNotDue()
    {
        NewConnection().RequestSync(SyncTrigger.Scheduled, T2).Error.ShouldNotBeNull().Code.ShouldBe("SYNC_NOT_DUE");
    }

    [Test]
    public void DueForSync_ForEveryState_ShouldAgreeWithAScheduledRequest()
    {
        var disconnected = Selected();
        disconnected.Disconnect(T1);
        var later = Selected();
        later.RecordSyncFinished(succeeded: true, T2);
        Connection[] connections = [NewConnection(), Selected(), disconnected, later];

        foreach (var connection in connections)
        {
            foreach (var now in new[] { T0, T1, T2, T2.AddDays(1) })
            {
                IsDue(connection, now).ShouldBe(connection.RequestSync(SyncTrigger.Scheduled, now).IsSuccess, $"{connection.Status} {connection.NextSyncAt} at {now}");
            }
        }
    }
}
