using System.ComponentModel.DataAnnotations;

namespace Connections.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>Section <c>Database</c>: which provider, and where.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For PostgreSQL the Npgsql connection string, for SQL Server the SqlClient one (required for both). For SQLite
    /// optional: by default the database is <c>connections.db</c> in <see cref="DataDirectory"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded database (and the first-run owner key) live; relative paths are under the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// How long a write waits for a lock (SQLite busy timeout, PostgreSQL lock_timeout, SQL Server LOCK_TIMEOUT) before
    /// the request answers 503.
    /// </summary>
    [Range(1, 60)]
    public int BusyTimeoutSeconds { get; set; } = 3;

    /// <summary>Apply pending migrations at start-up (the default; turn off when a release pipeline migrates).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
