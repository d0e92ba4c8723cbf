using Connections.Domain.Connections;

namespace Connections.Domain.UnitTests.Connections;

/// <summary>The scheduling side of the aggregate: when a sync is due, which channels it reads, and the per-channel checkpoint.</summary>
[TestFixture]
public class ConnectionSyncTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);
    private static readonly DateTimeOffset T2 = T0.AddMinutes(10);
    private static readonly DateTimeOffset T3 = T0.AddMinutes(15);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(ConnectionSettings.DefaultSyncIntervalMinutes);

    private static readonly DiscoveredChannel General = new("C001", "#general", false, 12);
    private static readonly DiscoveredChannel Random = new("C002", "#random", false, 7);
    private static readonly DiscoveredChannel Secret = new("C003", "#secret", true, 2);

    // Deliberately not in id order: ChannelsToSync must sort.
    private static Connection NewConnection() =>
        Connection.Create(Platform.Slack, "Team", "alice@example.com", "protected-blob", "T0001", ConnectionSettings.Default, [Secret, General, Random], T0);

    private static ConnectionSettings Interval(int minutes) => ConnectionSettings.Create(minutes, true, true).Value;

    private static ConnectionChannel Channel(Connection connection, string id) => connection.Channels.Single(c => c.ChannelId == id);

    // ---------- NextSyncAt and SelectChannels ----------

    [Test]
    public void Create_WhenValid_ShouldHaveNoSyncDue()
    {
        var connection = NewConnection();

        connection.NextSyncAt.ShouldBeNull();
        connection.LastSyncAt.ShouldBeNull();
        connection.CanSync.ShouldBeTrue();
    }

    [Test]
    public void SelectChannels_WhenIdsGiven_ShouldMakeASyncDueNow()
    {
        var connection = NewConnection();

        connection.SelectChannels(["C002"], syncAll: false, T1).IsSuccess.ShouldBeTrue();

        connection.NextSyncAt.ShouldBe(T1);
    }

    [Test]
    public void SelectChannels_WhenSyncAll_ShouldMakeASyncDueNow()
    {
        var connection = NewConnection();

        connection.SelectChannels([], syncAll: true, T1).IsSuccess.ShouldBeTrue();

        connection.NextSyncAt.ShouldBe(T1);
    }

    [Test]
    public void SelectChannels_WhenNoIdsAndNotSyncAll_ShouldNotScheduleASync()
    {
        var connection = NewConnection();

        connection.SelectChannels([], syncAll: false, T1).IsSuccess.ShouldBeTrue();

        connection.NextSyncAt.ShouldBeNull();
    }

    [Test]
    public void SelectChannels_WhenASyncIsAlreadyOverdue_ShouldNotPostponeIt()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T1);

        connection.SelectChannels(["C001", "C002"], syncAll: false, T2).IsSuccess.ShouldBeTrue();

        connection.NextSyncAt.ShouldBe(T1);
    }

    [Test]
    public void SelectChannels_WhenNextSyncIsLater_ShouldBringItForwardToNow()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.RecordSyncFinished(succeeded: true, T1);
        connection.NextSyncAt.ShouldBe(T1 + DefaultInterval);

        connection.SelectChannels(["C002"], syncAll: false, T2).IsSuccess.ShouldBeTrue();

        connection.NextSyncAt.ShouldBe(T2);
    }

    [Test]
    public void SelectChannels_WhenRejected_ShouldNotScheduleASync()
    {
        var connection = NewConnection();

        connection.SelectChannels(["C999"], syncAll: false, T1).IsFailure.ShouldBeTrue();

        connection.NextSyncAt.ShouldBeNull();
    }

    // ---------- RecordSyncFinished ----------

    [Test]
    public void RecordSyncFinished_WhenSucceeded_ShouldSetLastSyncAndScheduleOneIntervalLater()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T0);
        var before = connection.Version;

        connection.RecordSyncFinished(succeeded: true, T1);

        connection.LastSyncAt.ShouldBe(T1);
        connection.NextSyncAt.ShouldBe(T1.AddMinutes(240));
        connection.UpdatedAt.ShouldBe(T1);
        connection.Version.ShouldNotBe(before);
    }

    [Test]
    public void RecordSyncFinished_WhenNotSucceeded_ShouldKeepLastSyncButStillScheduleOneIntervalLater()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.RecordSyncFinished(succeeded: true, T1);

        connection.RecordSyncFinished(succeeded: false, T2);

        connection.LastSyncAt.ShouldBe(T1);
        connection.NextSyncAt.ShouldBe(T2.AddMinutes(240));
    }

    [Test]
    public void RecordSyncFinished_WhenIntervalCustomised_ShouldUseTheConnectionsInterval()
    {
        var connection = NewConnection();
        connection.ChangeSettings(Interval(15), T0);

        connection.RecordSyncFinished(succeeded: true, T1);

        connection.NextSyncAt.ShouldBe(T1.AddMinutes(15));
    }

    // ---------- Disconnect and CanSync ----------

    [Test]
    public void Disconnect_WhenConnected_ShouldBeDisconnectedAndNotSync()
    {
        var connection = NewConnection();
        var before = connection.Version;

        connection.Disconnect(T1);

        connection.Status.ShouldBe(ConnectionStatus.Disconnected);
        connection.CanSync.ShouldBeFalse();
        connection.UpdatedAt.ShouldBe(T1);
        connection.Version.ShouldNotBe(before);
        connection.ProtectedCredentials.ShouldBe("protected-blob");
    }

    [Test]
    public void CanSync_WhenInError_ShouldBeFalse()
    {
        var connection = NewConnection();

        connection.MarkFailed(ConnectionErrorCode.AuthExpired, "expired", T1);

        connection.CanSync.ShouldBeFalse();
    }

    // ---------- MarkValidated ----------

    [Test]
    public void MarkValidated_WhenInError_ShouldReconnectAndMakeASyncDueNow()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.RecordSyncFinished(succeeded: true, T0);
        connection.MarkFailed(ConnectionErrorCode.InvalidCredentials, "bad token", T1);

        connection.MarkValidated([General, Random, Secret], T2);

        connection.Status.ShouldBe(ConnectionStatus.Connected);
        connection.CanSync.ShouldBeTrue();
        connection.NextSyncAt.ShouldBe(T2);
    }

    [Test]
    public void MarkValidated_WhenDisconnected_ShouldReconnectAndMakeASyncDueNow()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.RecordSyncFinished(succeeded: true, T0);
        connection.Disconnect(T1);

        connection.MarkValidated([General, Random, Secret], T2);

        connection.Status.ShouldBe(ConnectionStatus.Connected);
        connection.CanSync.ShouldBeTrue();
        connection.NextSyncAt.ShouldBe(T2);
    }

    [Test]
    public void MarkValidated_WhenAlreadyConnected_ShouldKeepTheScheduledSync()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.RecordSyncFinished(succeeded: true, T1);

        connection.MarkValidated([General, Random, Secret], T2);

        connection.NextSyncAt.ShouldBe(T1 + DefaultInterval);
    }

    [Test]
    public void MarkValidated_WhenConnectedAndNothingScheduled_ShouldStillScheduleNothing()
    {
        var connection = NewConnection();

        connection.MarkValidated([General, Random, Secret], T1);

        connection.NextSyncAt.ShouldBeNull();
    }

    [Test]
    public void MarkValidated_WhenReconnectingWithNothingSelected_ShouldScheduleNothing()
    {
        var connection = NewConnection();
        connection.Disconnect(T1);

        connection.MarkValidated([General], T2);

        connection.Status.ShouldBe(ConnectionStatus.Connected);
        connection.NextSyncAt.ShouldBeNull();
    }

    [Test]
    public void ChangeSettings_WhenNothingScheduled_ShouldScheduleNothing()
    {
        var connection = NewConnection();

        connection.ChangeSettings(Interval(15), T1);

        connection.NextSyncAt.ShouldBeNull();
    }

    [Test]
    public void PassProgress_ShouldBeKeptUntilTheCheckpointMovesOrThePassIsAbandoned()
    {
        var connection = NewConnection();
        var general = Channel(connection, General.Id);

        general.SavePassProgress("page-3");
        var saved = general.SyncPassToken;
        general.AdvanceCursor(null, T1);
        var afterPageWithoutCheckpoint = general.SyncPassToken;
        general.AdvanceCursor("1700000000.000100", T2);
        var afterCheckpoint = general.SyncPassToken;
        general.SavePassProgress("page-2");
        general.AbandonPass();

        saved.ShouldBe("page-3");
        afterPageWithoutCheckpoint.ShouldBe("page-3");
        afterCheckpoint.ShouldBeNull();
        general.SyncPassToken.ShouldBeNull();
        general.SyncCursor.ShouldBe("1700000000.000100");
    }

    // ---------- ChangeSettings ----------

    [Test]
    public void ChangeSettings_WhenIntervalShrinks_ShouldPullTheNextSyncEarlier()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.RecordSyncFinished(succeeded: true, T1);

        connection.ChangeSettings(Interval(15), T2);

        connection.NextSyncAt.ShouldBe(T1.AddMinutes(15), "the next sync is one new interval after the last one");
    }

    [Test]
    public void ChangeSettings_WhenIntervalGrows_ShouldNotPostponeTheNextSync()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T0);
        connection.RecordSyncFinished(succeeded: true, T1);

        connection.ChangeSettings(Interval(1440), T2);

        connection.NextSyncAt.ShouldBe(T1 + DefaultInterval);
    }

    [Test]
    public void ChangeSettings_WhenASyncIsDueNow_ShouldNotPostponeIt()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C001"], syncAll: false, T1);

        connection.ChangeSettings(Interval(5), T2);

        connection.NextSyncAt.ShouldBe(T1);
    }

    // ---------- ChannelsToSync ----------

    [Test]
    public void ChannelsToSync_WhenSomeSelected_ShouldReturnOnlyThoseOrderedById()
    {
        var connection = NewConnection();
        connection.SelectChannels(["C003", "C001"], syncAll: false, T1);

        connection.ChannelsToSync().Select(c => c.ChannelId).ShouldBe(["C001", "C003"]);
    }

    [Test]
    public void ChannelsToSync_WhenSyncAll_ShouldReturnEveryChannelOrderedById()
    {
        var connection = NewConnection();
        connection.SelectChannels([], syncAll: true, T1);

        connection.ChannelsToSync().Select(c => c.ChannelId).ShouldBe(["C001", "C002", "C003"]);
    }

    [Test]
    public void ChannelsToSync_WhenSyncAllAndANewChannelAppears_ShouldIncludeIt()
    {
        var connection = NewConnection();
        connection.SelectChannels([], syncAll: true, T1);

        connection.RefreshChannels([General, new DiscoveredChannel("C000", "#new", false, 1)], T2);

        connection.ChannelsToSync().Select(c => c.ChannelId).ShouldBe(["C000", "C001"]);
    }

    [Test]
    public void ChannelsToSync_WhenNothingSelected_ShouldBeEmpty()
    {
        NewConnection().ChannelsToSync().ShouldBeEmpty();
    }

    [Test]
    public void ChannelsToSync_WhenIdsDifferInCase_ShouldOrderOrdinally()
    {
        var connection = Connection.Create(
            Platform.Slack, "Team", "a@b.c", "p", "T1", ConnectionSettings.Default,
            [new("c001", "#lower", false, 1), new("C002", "#upper", false, 1), new("B003", "#b", false, 1)], T0);
        connection.SelectChannels([], syncAll: true, T1);

        // Ordinal: upper-case letters sort before lower-case ones.
        connection.ChannelsToSync().Select(c => c.ChannelId).ShouldBe(["B003", "C002", "c001"]);
    }

    // ---------- ConnectionChannel checkpoint ----------

    [Test]
    public void AdvanceCursor_WhenCheckpointGiven_ShouldMoveCursorSetLastSyncedAndClearError()
    {
        var channel = Channel(NewConnection(), "C001");
        channel.MarkSyncFailed(ConnectionErrorCode.InsufficientPermissions);

        channel.AdvanceCursor("1768471200.000100", T1);

        channel.SyncCursor.ShouldBe("1768471200.000100");
        channel.LastSyncedAt.ShouldBe(T1);
        channel.SyncErrorCode.ShouldBeNull();
    }

    [Test]
    public void AdvanceCursor_WhenCheckpointNull_ShouldKeepTheCursorButRecordTheSyncAndClearError()
    {
        var channel = Channel(NewConnection(), "C001");
        channel.AdvanceCursor("1768471200.000100", T1);
        channel.MarkSyncFailed(ConnectionErrorCode.RateLimited);

        channel.AdvanceCursor(null, T2);

        channel.SyncCursor.ShouldBe("1768471200.000100");
        channel.LastSyncedAt.ShouldBe(T2);
        channel.SyncErrorCode.ShouldBeNull();
    }

    [Test]
    public void AdvanceCursor_WhenFirstPageHasNoCheckpoint_ShouldLeaveCursorNull()
    {
        var channel = Channel(NewConnection(), "C001");

        channel.AdvanceCursor(null, T1);

        channel.SyncCursor.ShouldBeNull();
        channel.LastSyncedAt.ShouldBe(T1);
    }

    [Test]
    public void MarkSyncFailed_WhenCalled_ShouldRecordTheCodeAndKeepCursorAndLastSynced()
    {
        var channel = Channel(NewConnection(), "C001");
        channel.AdvanceCursor("1768471200.000100", T1);

        channel.MarkSyncFailed(ConnectionErrorCode.InsufficientPermissions);

        channel.SyncErrorCode.ShouldBe(ConnectionErrorCode.InsufficientPermissions);
        channel.SyncCursor.ShouldBe("1768471200.000100");
        channel.LastSyncedAt.ShouldBe(T1);
    }

    [Test]
    public void MarkValidated_WhenChannelStillPresent_ShouldKeepItsCheckpoint()
    {
        var connection = NewConnection();
        Channel(connection, "C001").AdvanceCursor("1768471200.000100", T1);

        connection.MarkValidated([General, Random], T3);

        Channel(connection, "C001").SyncCursor.ShouldBe("1768471200.000100");
        Channel(connection, "C001").LastSyncedAt.ShouldBe(T1);
    }
}
