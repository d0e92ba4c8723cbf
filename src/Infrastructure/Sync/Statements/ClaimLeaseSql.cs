using Connections.Infrastructure.Persistence;

namespace Connections.Infrastructure.Sync.Statements;

/// <summary>
/// Claims a connection's sync lease in one atomic statement: inserts the row, or takes it over when it has expired or
/// is already ours. It affects one row exactly when the caller holds the lease afterwards, so of several racing
/// instances exactly one sees 1. EF has no upsert, so this is the one lease statement written as SQL (renewing and
/// releasing are plain EF <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>). Values are always parameters.
/// </summary>
internal static class ClaimLeaseSql
{
    public static FormattableString For(DatabaseProvider provider, string connectionId, string owner, long expiresAtMs, long nowMs) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite(connectionId, owner, expiresAtMs, nowMs),
        DatabaseProvider.Postgres => Postgres(connectionId, owner, expiresAtMs, nowMs),
        DatabaseProvider.SqlServer => SqlServer(connectionId, owner, expiresAtMs, nowMs),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>SQLite (3.24+): <c>INSERT … ON CONFLICT DO UPDATE … WHERE</c>, the same text as PostgreSQL's.</summary>
    public static FormattableString Sqlite(string connectionId, string owner, long expiresAtMs, long nowMs) =>
        OnConflict(connectionId, owner, expiresAtMs, nowMs);

    /// <summary>PostgreSQL: <c>INSERT … ON CONFLICT DO UPDATE … WHERE</c>; a conflicting row is locked, so racers serialize.</summary>
    public static FormattableString Postgres(string connectionId, string owner, long expiresAtMs, long nowMs) =>
        OnConflict(connectionId, owner, expiresAtMs, nowMs);

    /// <summary>
    /// SQL Server: <c>MERGE … WITH (HOLDLOCK)</c>. Without HOLDLOCK two instances could both find no row and both
    /// insert (one failing on the primary key); HOLDLOCK keeps the key range locked from the lookup to the write, so
    /// the second racer waits and then finds the first one's live lease (0 rows).
    /// </summary>
    public static FormattableString SqlServer(string connectionId, string owner, long expiresAtMs, long nowMs) =>
        $"""
        MERGE INTO [sync_leases] WITH (HOLDLOCK) AS [t]
        USING (VALUES ({connectionId}, {owner}, {expiresAtMs})) AS [s] ([connection_id], [owner], [expires_at_ms])
        ON [t].[connection_id] = [s].[connection_id]
        WHEN MATCHED AND ([t].[expires_at_ms] < {nowMs} OR [t].[owner] = [s].[owner]) THEN
            UPDATE SET [owner] = [s].[owner], [expires_at_ms] = [s].[expires_at_ms]
        WHEN NOT MATCHED THEN
            INSERT ([connection_id], [owner], [expires_at_ms]) VALUES ([s].[connection_id], [s].[owner], [s].[expires_at_ms]);
        """;

    private static FormattableString OnConflict(string connectionId, string owner, long expiresAtMs, long nowMs) =>
        $"""
        INSERT INTO sync_leases (connection_id, owner, expires_at_ms) VALUES ({connectionId}, {owner}, {expiresAtMs})
        ON CONFLICT (connection_id) DO UPDATE SET owner = excluded.owner, expires_at_ms = excluded.expires_at_ms
        WHERE sync_leases.expires_at_ms < {nowMs} OR sync_leases.owner = {owner}
        """;
}
