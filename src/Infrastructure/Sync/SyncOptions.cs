namespace Connections.Infrastructure.Sync;

/// <summary>Section <c>Sync</c>.</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Run the background scheduler in this instance.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due connections and queued runs (a manual run also wakes it).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claimed connection stays ours without renewal; after a crash another instance resumes after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many connections one poll considers.</summary>
    public int BatchSize { get; set; } = 20;
}
