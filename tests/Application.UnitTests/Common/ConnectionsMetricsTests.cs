using System.Diagnostics.Metrics;
using Connections.Application.Common.Models;
using Connections.Application.Common.Telemetry;
using Connections.Domain.Connections;
using Connections.Domain.Connections.Events;
using Connections.Domain.Syncs;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Moq;

namespace Connections.Application.UnitTests.Common;

public sealed class ConnectionsMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private TestMeterFactory _meters = null!;
    private ConnectionsMetrics _metrics = null!;
    private MetricCollector<double> _lag = null!;
    private MetricCollector<long> _stored = null!;
    private MetricCollector<long> _runs = null!;

    [SetUp]
    public void CreateMetrics()
    {
        _meters = new TestMeterFactory();
        var clock = new Mock<TimeProvider>();
        clock.Setup(c => c.GetUtcNow()).Returns(Now);
        _metrics = new ConnectionsMetrics(_meters, clock.Object);
        _lag = new MetricCollector<double>(_meters, ConnectionsMetrics.MeterName, ConnectionsMetrics.SyncLagName);
        _stored = new MetricCollector<long>(_meters, ConnectionsMetrics.MeterName, ConnectionsMetrics.MessagesStoredName);
        _runs = new MetricCollector<long>(_meters, ConnectionsMetrics.MeterName, ConnectionsMetrics.SyncRunsName);
    }

    [TearDown]
    public void DisposeMetrics()
    {
        _lag.Dispose();
        _stored.Dispose();
        _runs.Dispose();
        _meters.Dispose();
    }

    private Dictionary<string, double> Lag()
    {
        _lag.Clear();
        _lag.RecordObservableInstruments();
        return _lag.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["connection_id"]!, m => m.Value);
    }

    [Test]
    public void SyncLag_WhenMessagesWereStored_ShouldBeNowMinusTheNewestPerConnection()
    {
        _metrics.RecordMessagesStored("conn_a", Platform.Slack, 3, Now.AddMinutes(-10));
        _metrics.RecordMessagesStored("conn_b", Platform.Discord, 1, Now.AddSeconds(-30));

        var lag = Lag();
        lag.Count.ShouldBe(2);
        lag["conn_a"].ShouldBe(600);
        lag["conn_b"].ShouldBe(30);
        _lag.GetMeasurementSnapshot().Single(m => (string)m.Tags["connection_id"]! == "conn_b").Tags["platform"].ShouldBe("discord");
    }

    [Test]
    public void SyncLag_WhenAnOlderMessageArrivesLater_ShouldKeepTheNewest()
    {
        _metrics.ObserveNewestMessage("conn_a", Platform.Slack, Now.AddMinutes(-1));
        _metrics.RecordMessagesStored("conn_a", Platform.Slack, 1, Now.AddHours(-5));

        Lag()["conn_a"].ShouldBe(60);
    }

    [Test]
    public void SyncLag_WhenTheNewestMessageIsInTheFuture_ShouldBeZero()
    {
        _metrics.ObserveNewestMessage("conn_a", Platform.Slack, Now.AddMinutes(5));

        Lag()["conn_a"].ShouldBe(0);
    }

    [Test]
    public void SyncLag_WhenNothingWasStored_ShouldReportNoConnection() =>
        Lag().ShouldBeEmpty();

    [Test]
    public async Task SyncLag_WhenTheConnectionIsDeleted_ShouldNoLongerBeReported()
    {
        _metrics.ObserveNewestMessage("conn_a", Platform.Slack, Now.AddMinutes(-1));
        _metrics.ObserveNewestMessage("conn_b", Platform.Slack, Now.AddMinutes(-2));

        await new ForgetDeletedConnectionMetrics(_metrics).Handle(
            new DomainEventNotification<ConnectionDeleted>(new ConnectionDeleted("conn_a", Now)), CancellationToken.None);

        Lag().Keys.ShouldBe(["conn_b"]);
    }

    [Test]
    public void RecordMessagesStored_WhenRowsWereWritten_ShouldCountThemByPlatformOnly()
    {
        _metrics.RecordMessagesStored("conn_a", Platform.Slack, 5, Now);
        _metrics.RecordMessagesStored("conn_a", Platform.Slack, 0, Now);

        var stored = _stored.GetMeasurementSnapshot().ShouldHaveSingleItem();
        stored.Value.ShouldBe(5);
        stored.Tags.Keys.ShouldBe(["platform"]);
        stored.Tags["platform"].ShouldBe("slack");
    }

    [TestCase(SyncRunStatus.Succeeded, "succeeded")]
    [TestCase(SyncRunStatus.Partial, "partial")]
    [TestCase(SyncRunStatus.Failed, "failed")]
    public void RecordSyncRun_WhenARunFinished_ShouldTagPlatformAndOutcome(SyncRunStatus status, string outcome)
    {
        _metrics.RecordSyncRun(Platform.Discord, status);

        var run = _runs.GetMeasurementSnapshot().ShouldHaveSingleItem();
        run.Value.ShouldBe(1);
        run.Tags["platform"].ShouldBe("discord");
        run.Tags["outcome"].ShouldBe(outcome);
    }

    /// <summary>What a host's meter factory does, without the host: meters scoped to this factory.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _created)
            {
                meter.Dispose();
            }
        }
    }
}
