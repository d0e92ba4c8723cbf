using System.Globalization;
using System.Text;
using Connections.Domain.Messages;
using Connections.Infrastructure.Persistence;

namespace Connections.Infrastructure.Sync.Statements;

/// <summary>
/// Stores rows of messages in one set-based statement: a new message is inserted; a stored one is replaced only by a
/// strictly newer version — exactly <see cref="MessageVersion.IsNewerThan"/> (ADR 0017): a later <c>edited_at</c>
/// (none is older than any), or the same <c>edited_at</c> (or none on both) and a later <c>event_at</c> on both. An
/// older or equal version (a retry, a replay, an out-of-order edit, a stale poll) writes nothing and is not counted.
/// A newer version missing its author keeps the stored one. <c>sent_at</c>, <c>thread_id</c> and <c>stored_at</c> are
/// written once. The affected-row count is "new or replaced by a newer version". Parameters are named
/// <c>@p{row}_{column}</c> in <see cref="Columns"/> order; column names come from the EF model (see EfMessageStore).
/// </summary>
internal static class UpsertMessagesSql
{
    /// <summary>The properties a row carries, in parameter order.</summary>
    public static readonly string[] Columns =
    [
        nameof(Message.ConnectionId), nameof(Message.ChannelId), nameof(Message.PlatformId), nameof(Message.AuthorId),
        nameof(Message.AuthorName), nameof(Message.Text), nameof(Message.SearchText), nameof(Message.SentAt),
        nameof(Message.ThreadId), nameof(Message.EditedAt), nameof(Message.StoredAt), nameof(Message.EventAt),
    ];

    /// <summary>
    /// Rows per statement. SQLite runs in process (no round trips) and binds parameters by name, so one prepared
    /// single-row statement executed per message is its fastest form; the servers take a page per round trip, within
    /// their parameter limits (PostgreSQL 65,535 a statement, SQL Server 2,100 a request, less two of its own).
    /// </summary>
    public static int MaxRows(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => 1,
        DatabaseProvider.Postgres => 1000,
        DatabaseProvider.SqlServer => (2100 - 2) / Columns.Length,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static string For(DatabaseProvider provider, string table, IReadOnlyList<string> names, int rows) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite(table, names, rows),
        DatabaseProvider.Postgres => Postgres(table, names, rows),
        DatabaseProvider.SqlServer => SqlServer(table, names, rows),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>SQLite: <c>INSERT … ON CONFLICT DO UPDATE … WHERE newer</c>, the null-safe equality spelled <c>IS</c>.</summary>
    public static string Sqlite(string table, IReadOnlyList<string> names, int rows) => OnConflict(table, names, rows, "IS");

    /// <summary>PostgreSQL: the same statement with the standard null-safe <c>IS NOT DISTINCT FROM</c>.</summary>
    public static string Postgres(string table, IReadOnlyList<string> names, int rows) => OnConflict(table, names, rows, "IS NOT DISTINCT FROM");

    /// <summary>
    /// SQL Server: <c>MERGE … WITH (HOLDLOCK)</c>. MERGE alone looks a row up and then writes it without holding the
    /// key range, so the polling path and the Slack Events path storing the same new message at once could both
    /// insert it (one failing on the unique index); HOLDLOCK (serializable on this statement only) keeps the range
    /// locked from the lookup to the write, so the second writer waits and then finds the row. The null-safe equality
    /// of the edit times is spelled out (<c>IS NOT DISTINCT FROM</c> is SQL Server 2022 only).
    /// </summary>
    public static string SqlServer(string table, IReadOnlyList<string> names, int rows)
    {
        ArgumentNullException.ThrowIfNull(names);
        var n = names.Select(name => $"[{name}]").ToArray();
        var (connection, channel, platformId, authorId, authorName, text, searchText, editedAt, eventAt) = (n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[9], n[11]);
        var sql = new StringBuilder("MERGE INTO [").Append(table).Append("] WITH (HOLDLOCK) AS [t]\nUSING (");
        AppendValues(sql, names.Count, rows);
        return sql.Append(CultureInfo.InvariantCulture, $"""
            ) AS [s] ({string.Join(", ", n)})
            ON [t].{connection} = [s].{connection} AND [t].{channel} = [s].{channel} AND [t].{platformId} = [s].{platformId}
            WHEN MATCHED AND (
                ([s].{editedAt} IS NOT NULL AND ([t].{editedAt} IS NULL OR [s].{editedAt} > [t].{editedAt}))
                OR (([s].{editedAt} = [t].{editedAt} OR ([s].{editedAt} IS NULL AND [t].{editedAt} IS NULL)) AND [s].{eventAt} > [t].{eventAt})) THEN
                UPDATE SET
                {authorId} = COALESCE([s].{authorId}, [t].{authorId}),
                {authorName} = COALESCE([s].{authorName}, [t].{authorName}),
                {text} = [s].{text}, {searchText} = [s].{searchText},
                {editedAt} = [s].{editedAt}, {eventAt} = [s].{eventAt}
            WHEN NOT MATCHED THEN
                INSERT ({string.Join(", ", n)}) VALUES ({string.Join(", ", n.Select(c => "[s]." + c))});
            """).ToString();
    }

    private static string OnConflict(string table, IReadOnlyList<string> names, int rows, string same)
    {
        ArgumentNullException.ThrowIfNull(names);
        var (connection, channel, platformId, authorId, authorName, text, searchText, editedAt, eventAt) =
            (names[0], names[1], names[2], names[3], names[4], names[5], names[6], names[9], names[11]);
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", names).Append(") ");
        AppendValues(sql, names.Count, rows);

        // MessageVersion.IsNewerThan: a later edit (none is older than any), else the same edit and a later event on
        // both (a comparison with NULL is not true). Anything else is the same or an older version: no write.
        return sql.Append(CultureInfo.InvariantCulture, $"""
             ON CONFLICT ({connection}, {channel}, {platformId}) DO UPDATE SET
             {authorId} = COALESCE(excluded.{authorId}, {table}.{authorId}),
             {authorName} = COALESCE(excluded.{authorName}, {table}.{authorName}),
             {text} = excluded.{text}, {searchText} = excluded.{searchText},
             {editedAt} = excluded.{editedAt}, {eventAt} = excluded.{eventAt}
             WHERE (excluded.{editedAt} IS NOT NULL AND ({table}.{editedAt} IS NULL OR excluded.{editedAt} > {table}.{editedAt}))
             OR (excluded.{editedAt} {same} {table}.{editedAt} AND excluded.{eventAt} > {table}.{eventAt})
            """).ToString();
    }

    /// <summary><c>VALUES (@p0_0, …), (@p1_0, …)</c>.</summary>
    private static void AppendValues(StringBuilder sql, int columns, int rows)
    {
        sql.Append("VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns; column++)
            {
                sql.Append(column == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"@p{row}_{column}");
            }

            sql.Append(')');
        }
    }

    /// <summary>The parameter name of a row's column.</summary>
    public static string Parameter(int row, int column) => string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}");
}
