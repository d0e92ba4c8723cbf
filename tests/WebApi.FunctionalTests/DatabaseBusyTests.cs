using System.Net;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Connections.WebApi.FunctionalTests;

/// <summary>A database locked by someone else answers 503 with Retry-After, never a 500, and writes nothing.</summary>
public sealed class DatabaseBusyTests : FunctionalTest
{
    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?> { ["Database:BusyTimeoutSeconds"] = "1" };

    [Test]
    public async Task Create_WhenDatabaseLocked_ShouldAnswer503WithRetryAfterAndWriteNothing()
    {
        var name = UniqueName("Locked out");
        HttpResponseMessage response;
        await using (await HoldWriteLockAsync())
        {
            response = await MemberA.PostAsync("/api/connections", Json(SlackBody(name)));
        }

        using (response)
        {
            await AssertProblemAsync(response, 503, "DATABASE_BUSY");
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        }

        var names = (await ReadArrayAsync(await MemberA.GetAsync("/api/connections?limit=500"))).Select(c => c!["name"]!.GetValue<string>());
        Assert.That(names, Does.Not.Contain(name));
        using var retry = await MemberA.PostAsync("/api/connections", Json(SlackBody(name)));
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), "works again once the lock is gone");
    }

    /// <summary>Another process's write transaction: SQLite's writer lock, or a PostgreSQL or SQL Server table lock.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        if (App.Database.IsSqlServer)
        {
            var sql = new SqlConnection(App.Database.ConnectionString);
            await sql.OpenAsync();
            var transaction = (SqlTransaction)await sql.BeginTransactionAsync();
            await using var command = new SqlCommand("SELECT COUNT(*) FROM connections WITH (TABLOCKX, HOLDLOCK)", sql, transaction);
            await command.ExecuteScalarAsync();
            return sql;
        }

        if (App.Database.IsPostgres)
        {
            var pg = new NpgsqlConnection(App.Database.ConnectionString);
            await pg.OpenAsync();
            var transaction = await pg.BeginTransactionAsync();
            await using var command = new NpgsqlCommand("LOCK TABLE connections IN ACCESS EXCLUSIVE MODE", pg, transaction);
            await command.ExecuteNonQueryAsync();
            return pg;
        }

        var sqlite = new SqliteConnection($"Data Source={App.Database.SqliteFile};Pooling=False");
        await sqlite.OpenAsync();
        await using (var command = sqlite.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE; INSERT INTO api_keys (id, email, role, secret_hash, created_at) VALUES ('key_lock', 'lock@example.com', 'Member', 'x', 0);";
            await command.ExecuteNonQueryAsync();
        }

        return sqlite;
    }
}
