using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connections.Domain.Connections;
using Connections.Domain.Syncs;

namespace Connections.Application.Common.Telemetry;

/// <summary>
/// The service's own instruments, all on the one <see cref="Meter"/> named <see cref="MeterName"/> (created through
/// <see cref="IMeterFactory"/>; the WebApi exports it with OpenTelemetry, this layer knows only the BCL). Every tag is
/// bounded and non-secret: a platform, a Slack method or a templated Discord route, an outcome word, a connection id.
/// Never a token, a URL query, a channel or message text.
/// </summary>
public sealed class ConnectionsMetrics
{
    public const string MeterName = "Connections";

    public const string PlatformCallsName = "connections.platform.calls";
    public const string PlatformCallDurationName = "connections.platform.call.duration";
    public const string RateLimitWaitName = "connections.platform.rate_limit.wait";
    public const string SyncRunsName = "connections.sync.runs";
    public const string MessagesStoredName = "connections.messages.stored";
    public const string SyncLagName = "connections.sync.lag";

    private static readonly double[] CallSeconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
    private static readonly double[] WaitSeconds = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600];

    private readonly Counter<long> _platformCalls;
    private readonly Histogram<double> _platformCallDuration;
    private readonly Histogram<double> _rateLimitWait;
    private readonly Counter<long> _syncRuns;
    private readonly Counter<long> _messagesStored;
    private readonly ConcurrentDictionary<string, NewestMessage> _newest = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public ConnectionsMetrics(IMeterFactory meterFactory, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        var meter = meterFactory.Create(MeterName);
        _platformCalls = meter.CreateCounter<long>(
            PlatformCallsName, "{call}", "Slack and Discord API calls, one per logical call (after retries), by platform, method and outcome.");
        _platformCallDuration = meter.CreateHistogram(
            PlatformCallDurationName, "s", "Duration of Slack and Discord API calls, retries and waits included.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = CallSeconds });
        _rateLimitWait = meter.CreateHistogram(
            RateLimitWaitName, "s", "The wait each 429 asked for (Retry-After, Discord's retry_after), by platform and method.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitSeconds });
        _syncRuns = meter.CreateCounter<long>(
            SyncRunsName, "{run}", "Finished sync runs by platform and outcome (succeeded, partial, failed).");
        _messagesStored = meter.CreateCounter<long>(
            MessagesStoredName, "{message}", "Messages written by syncs and Slack events (new or edited), by platform.");
        meter.CreateObservableGauge(
            SyncLagName, ObserveLag, "s", "Per connection: now minus the send time of the newest stored message.");
    }

    /// <summary>One logical platform call (what the caller sees after retries).</summary>
    public void RecordPlatformCall(Platform platform, string method, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "platform", TagOf(platform) }, { "method", method }, { "outcome", outcome } };
        _platformCalls.Add(1, tags);
        _platformCallDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>A 429 that named how long to wait, whether the wait was then taken or the work paused.</summary>
    public void RecordRateLimitWait(Platform platform, string method, TimeSpan wait) =>
        _rateLimitWait.Record(Math.Max(0, wait.TotalSeconds), new TagList { { "platform", TagOf(platform) }, { "method", method } });

    /// <summary>A run that reached a final status.</summary>
    public void RecordSyncRun(Platform platform, SyncRunStatus outcome) =>
        _syncRuns.Add(1, new TagList { { "platform", TagOf(platform) }, { "outcome", TagOf(outcome) } });

    /// <summary>
    /// Messages written for a connection (<paramref name="written"/> new or edited rows), and the send time of the
    /// newest message of the batch, which is stored now whether or not it changed.
    /// </summary>
    public void RecordMessagesStored(string connectionId, Platform platform, int written, DateTimeOffset? newestSentAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        if (written > 0)
        {
            _messagesStored.Add(written, new TagList { { "platform", TagOf(platform) } });
        }

        if (newestSentAt is { } sentAt)
        {
            ObserveNewestMessage(connectionId, platform, sentAt);
        }
    }

    /// <summary>The newest stored message of a connection is at least this recent (the sync lag's input).</summary>
    public void ObserveNewestMessage(string connectionId, Platform platform, DateTimeOffset sentAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        _newest.AddOrUpdate(
            connectionId,
            static (_, arg) => new NewestMessage(arg.Platform, arg.SentAt),
            static (_, current, arg) => arg.SentAt > current.SentAt ? new NewestMessage(arg.Platform, arg.SentAt) : current,
            (Platform: platform, SentAt: sentAt));
    }

    /// <summary>A deleted connection has no lag any more.</summary>
    public void ForgetConnection(string connectionId) => _newest.TryRemove(connectionId, out _);

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        var now = _clock.GetUtcNow();
        foreach (var (connectionId, newest) in _newest)
        {
            yield return new Measurement<double>(
                Math.Max(0, (now - newest.SentAt).TotalSeconds),
                new KeyValuePair<string, object?>("connection_id", connectionId),
                new KeyValuePair<string, object?>("platform", TagOf(newest.Platform)));
        }
    }

    public static string TagOf(Platform platform) => platform switch
    {
        Platform.Slack => "slack",
        Platform.Discord => "discord",
        _ => "unknown",
    };

    private static string TagOf(SyncRunStatus status) => status switch
    {
        SyncRunStatus.Succeeded => "succeeded",
        SyncRunStatus.Partial => "partial",
        SyncRunStatus.Failed => "failed",
        SyncRunStatus.Running => "running",
        _ => "queued",
    };

    private sealed record NewestMessage(Platform Platform, DateTimeOffset SentAt);
}
