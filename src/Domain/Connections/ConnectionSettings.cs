using Connections.Domain.Common;

namespace Connections.Domain.Connections;

/// <summary>Per-connection behaviour. Immutable; change it by replacing it through <see cref="Connection.ChangeSettings"/>.</summary>
public sealed record ConnectionSettings
{
    public const int MinSyncIntervalMinutes = 5;
    public const int MaxSyncIntervalMinutes = 10080;
    public const int DefaultSyncIntervalMinutes = 240;

    private ConnectionSettings(int syncIntervalMinutes, bool wikiEnabled, bool graphEnabled)
    {
        SyncIntervalMinutes = syncIntervalMinutes;
        WikiEnabled = wikiEnabled;
        GraphEnabled = graphEnabled;
    }

    public static ConnectionSettings Default { get; } = new(DefaultSyncIntervalMinutes, true, true);

    public int SyncIntervalMinutes { get; }

    public bool WikiEnabled { get; }

    public bool GraphEnabled { get; }

    public static Result<ConnectionSettings> Create(int syncIntervalMinutes, bool wikiEnabled, bool graphEnabled) =>
        syncIntervalMinutes is < MinSyncIntervalMinutes or > MaxSyncIntervalMinutes
            ? ValidationError.For(
                "settings.sync_interval_minutes",
                $"Must be between {MinSyncIntervalMinutes} and {MaxSyncIntervalMinutes} minutes.")
            : new ConnectionSettings(syncIntervalMinutes, wikiEnabled, graphEnabled);

    /// <summary>Applies a partial change: each null keeps the current value.</summary>
    public Result<ConnectionSettings> With(int? syncIntervalMinutes, bool? wikiEnabled, bool? graphEnabled) =>
        Create(syncIntervalMinutes ?? SyncIntervalMinutes, wikiEnabled ?? WikiEnabled, graphEnabled ?? GraphEnabled);
}
