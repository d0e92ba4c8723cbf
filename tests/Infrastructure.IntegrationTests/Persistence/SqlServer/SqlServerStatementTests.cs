using System.Data;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Messages;
using Connections.Infrastructure.Persistence;
using Connections.Infrastructure.Sync;
using Connections.Infrastructure.Sync.Statements;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace Connections.Infrastructure.IntegrationTests.Persistence.SqlServer;

/// <summary>
/// The two statements EF cannot write (the lease claim and the message upsert) in their SQL Server form. Without a
/// SQL Server engine they cannot run here: these tests check what can be checked — that they are built by the real
/// code paths, carry every value as a typed parameter and none inline, stay within SQL Server's parameter limit, and
/// spell out each condition of the SQLite/PostgreSQL statements they mirror. Their behaviour on a live engine is
/// covered by the functional suite when CONNECTIONS_TEST_SQLSERVER is set (README, Running on SQL Server).
/// </summary>
[TestFixture]
public sealed class SqlServerStatementTests
{
    private const string ConnectionId = "conn_01ARYZ6S41TSV4RRFFQ69G5FAV";
    private const string Owner = "host-a/42/0123456789abcdef";

    [Test]
    public async Task ClaimLease_WhenSentThroughEfOnSqlServer_ShouldBeOneParameterizedMergeHoldingTheKeyRange()
    {
        using var capture = new SqlServerCapture(busyTimeoutSeconds: 2);
        var (scope, db) = capture.CreateContext();
        await using (scope)
        {
            await db.Database.ExecuteSqlAsync(ClaimLeaseSql.For(db.Database.Provider(), ConnectionId, Owner, 1_700_000_120_000, 1_700_000_000_000));
        }

        var command = capture.Commands.ShouldHaveSingleItem();
        command.Sql.ShouldStartWith("SET LOCK_TIMEOUT 2000;\nMERGE INTO [sync_leases] WITH (HOLDLOCK) AS [t]");
        command.Sql.ShouldContain("WHEN MATCHED AND ([t].[expires_at_ms] < @p3 OR [t].[owner] = [s].[owner]) THEN");
        command.Sql.ShouldContain("WHEN NOT MATCHED THEN");
        command.Parameters.Select(p => p.Value).ShouldBe([ConnectionId, Owner, 1_700_000_120_000L, 1_700_000_000_000L]);
        command.Sql.ShouldNotContain(ConnectionId);
        command.Sql.ShouldNotContain("1700000");
    }

    [Test]
    public void ClaimLease_OnSqliteAndPostgres_ShouldBeTheOnConflictUpsert()
    {
        var sqlite = ClaimLeaseSql.Sqlite(ConnectionId, Owner, 2, 1);
        var postgres = ClaimLeaseSql.Postgres(ConnectionId, Owner, 2, 1);

        sqlite.Format.ShouldBe(postgres.Format);
        sqlite.Format.ShouldContain("ON CONFLICT (connection_id) DO UPDATE");
        sqlite.Format.ShouldContain("WHERE sync_leases.expires_at_ms < {3} OR sync_leases.owner = {4}");
        sqlite.GetArguments().ShouldBe([ConnectionId, Owner, 2L, 1L, Owner]);
    }

    [Test]
    public void UpsertMessages_WhenBuiltForSqlServer_ShouldBindEveryValueAsATypedParameter()
    {
        using var capture = new SqlServerCapture();
        var (scope, db) = capture.CreateContext();
        using var _ = scope;
        var entity = db.Model.FindEntityType(typeof(Message))!;
        var sent = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var rows = new[]
        {
            EfMessageStore.Values(new PlatformMessage("1.1", "C1", "U1", "ana", "Hello", sent, null, null), ConnectionId, "C1", sent),
            EfMessageStore.Values(new PlatformMessage("1.2", "C1", null, null, "Edited", sent, "1.1", sent.AddMinutes(1)), ConnectionId, "C1", sent),
        };

        using var connection = new SqlConnection(SqlServerCapture.NeverOpened);
        using var command = EfMessageStore.CreateCommand(connection, DatabaseProvider.SqlServer, entity, rows);

        command.CommandText.ShouldStartWith("MERGE INTO [messages] WITH (HOLDLOCK) AS [t]\nUSING (VALUES (@p0_0, ");
        command.Parameters.Count.ShouldBe(2 * UpsertMessagesSql.Columns.Length);
        var parameters = command.Parameters.Cast<SqlParameter>().ToDictionary(p => p.ParameterName, StringComparer.Ordinal);
        parameters["@p0_5"].Value.ShouldBe("Hello");
        parameters["@p0_6"].Value.ShouldBe("hello");
        parameters["@p0_7"].SqlDbType.ShouldBe(SqlDbType.DateTimeOffset);
        parameters["@p1_3"].Value.ShouldBe(DBNull.Value);
        parameters["@p1_9"].Value.ShouldBe(sent.AddMinutes(1));
        command.CommandText.ShouldNotContain("Hello");
        command.CommandText.ShouldNotContain(ConnectionId);
    }

    [Test]
    public void UpsertMessages_OnSqlServer_ShouldStayWithinTheParameterLimitOfARequest()
    {
        var rows = UpsertMessagesSql.MaxRows(DatabaseProvider.SqlServer);
        var sql = UpsertMessagesSql.SqlServer("messages", Names, rows);

        (rows * UpsertMessagesSql.Columns.Length).ShouldBeLessThanOrEqualTo(2098, "SQL Server takes 2,100 parameters a request, EF keeps 2 for itself");
        rows.ShouldBeGreaterThan(100, "a page of history goes in two statements, not two hundred");
        sql.ShouldContain(UpsertMessagesSql.Parameter(rows - 1, UpsertMessagesSql.Columns.Length - 1));
        sql.ShouldNotContain(UpsertMessagesSql.Parameter(rows, 0));
    }

    [Test]
    public void UpsertMessages_OnSqlServer_ShouldMirrorEveryConditionOfTheOnConflictStatement()
    {
        var sql = UpsertMessagesSql.SqlServer("messages", Names, 1);
        var onConflict = UpsertMessagesSql.Postgres("messages", Names, 1);
        var update = sql[sql.IndexOf("UPDATE SET", StringComparison.Ordinal)..sql.IndexOf("WHEN NOT MATCHED", StringComparison.Ordinal)];

        Assert.Multiple(() =>
        {
            // One row per message: matched on the same unique key.
            onConflict.ShouldContain("ON CONFLICT (connection_id, channel_id, platform_id)");
            sql.ShouldContain("ON [t].[connection_id] = [s].[connection_id] AND [t].[channel_id] = [s].[channel_id] AND [t].[platform_id] = [s].[platform_id]");

            // Written only when newer (MessageVersion.IsNewerThan, ADR 0017): a later edit time, none being older than any ...
            onConflict.ShouldContain("WHERE (excluded.edited_at IS NOT NULL AND (messages.edited_at IS NULL OR excluded.edited_at > messages.edited_at))");
            sql.ShouldContain("([s].[edited_at] IS NOT NULL AND ([t].[edited_at] IS NULL OR [s].[edited_at] > [t].[edited_at]))");

            // ... or the same edit time (null-safe) and a later event time on both (a comparison with NULL is not true).
            onConflict.ShouldContain("OR (excluded.edited_at IS NOT DISTINCT FROM messages.edited_at AND excluded.event_at > messages.event_at)");
            UpsertMessagesSql.Sqlite("messages", Names, 1).ShouldContain("OR (excluded.edited_at IS messages.edited_at AND excluded.event_at > messages.event_at)");
            sql.ShouldContain("OR (([s].[edited_at] = [t].[edited_at] OR ([s].[edited_at] IS NULL AND [t].[edited_at] IS NULL)) AND [s].[event_at] > [t].[event_at])) THEN");

            // The newer version is stored whole; a missing author keeps the stored one; the text moves with its search copy.
            foreach (var kept in new[] { "author_id", "author_name" })
            {
                onConflict.ShouldContain($"{kept} = COALESCE(excluded.{kept}, messages.{kept})");
                update.ShouldContain($"[{kept}] = COALESCE([s].[{kept}], [t].[{kept}])");
            }

            onConflict.ShouldContain("edited_at = excluded.edited_at, event_at = excluded.event_at");
            update.ShouldContain("[edited_at] = [s].[edited_at], [event_at] = [s].[event_at]");

            onConflict.ShouldContain("text = excluded.text, search_text = excluded.search_text");
            update.ShouldContain("[text] = [s].[text], [search_text] = [s].[search_text]");

            // Written once: when it was sent, its thread, when it was first stored.
            foreach (var once in new[] { "sent_at", "thread_id", "stored_at" })
            {
                onConflict[onConflict.IndexOf("DO UPDATE", StringComparison.Ordinal)..].ShouldNotContain(once);
                update.ShouldNotContain(once);
            }

            sql.ShouldContain("WHEN NOT MATCHED THEN\n    INSERT ([connection_id], [channel_id], [platform_id], ");
            sql.ShouldEndWith(";");
        });
    }

    private static string[] Names => ["connection_id", "channel_id", "platform_id", "author_id", "author_name", "text", "search_text", "sent_at", "thread_id", "edited_at", "stored_at", "event_at"];
}
