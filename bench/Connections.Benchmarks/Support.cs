using System.Globalization;
using System.Text;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Connections.Benchmarks;

/// <summary>The caller the benchmark acts as.</summary>
internal sealed class BenchUser : ICurrentUser
{
    public string? Email => "bench@example.com";

    public CallerRole? Role => CallerRole.Owner;
}

/// <summary>Samples the managed heap while a measurement runs and keeps the peak.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public HeapSampler() => _timer = new Timer(_ => Sample(), null, 0, 20);

    public double PeakMb
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak) / 1024.0 / 1024.0;
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}

/// <summary>A fresh database for one provider.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private string? _admin;

    public string Provider { get; private init; } = "Sqlite";

    public string DataDirectory { get; private init; } = string.Empty;

    public string? ConnectionString { get; private init; }

    public string? Name { get; private init; }

    public string SqliteConnectionString => $"Data Source={Path.Combine(DataDirectory, "connections.db")};Pooling=False";

    public static async Task<BenchDatabase> CreateAsync(string provider)
    {
        var dir = Directory.CreateTempSubdirectory("connections-bench-").FullName;
        if (provider != "Postgres")
        {
            return new BenchDatabase { Provider = "Sqlite", DataDirectory = dir };
        }

        var admin = Environment.GetEnvironmentVariable("CONNECTIONS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set CONNECTIONS_TEST_POSTGRES (dotnet cake --target=Bench does).");
        var name = "connections_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }

        return new BenchDatabase
        {
            Provider = "Postgres",
            DataDirectory = dir,
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(),
            Name = name,
            _admin = admin,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(_admin);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", c);
            await cmd.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}

/// <summary>The baseline: the same kind of rows written with plain multi-row INSERTs in batches, no ORM.</summary>
internal static class RawInsert
{
    private const int Batch = 500;
    private static readonly string[] Words = ["alpha", "quartz", "ledger", "harbor", "zephyr-7", "invoice 12", "nebula", "kiwi", "lantern", "orbit", "saffron", "tundra", "vortex", "walnut", "yodel", "delta-3", "meeting", "deploy", "review", "coffee"];
    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    /// <returns>Rows per second.</returns>
    public static async Task<double> MeasureAsync(BenchDatabase database, string connectionId, int rows, string channelPrefix)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await FillAsync(database, connectionId, rows, channelPrefix);
        return rows / watch.Elapsed.TotalSeconds;
    }

    public static async Task FillAsync(BenchDatabase database, string connectionId, int rows, string channelPrefix)
    {
        if (rows <= 0)
        {
            return;
        }

        if (database.Provider == "Postgres")
        {
            await using var pg = new NpgsqlConnection(database.ConnectionString);
            await pg.OpenAsync();
            for (var start = 0; start < rows; start += Batch)
            {
                await using var tx = await pg.BeginTransactionAsync();
                await using var cmd = new NpgsqlCommand { Connection = pg, Transaction = tx };
                cmd.CommandText = BuildInsert(Math.Min(Batch, rows - start), (i, p) =>
                {
                    var row = Row(start + i, connectionId, channelPrefix);
                    foreach (var (name, value) in row)
                    {
                        cmd.Parameters.AddWithValue(p + name, value ?? DBNull.Value);
                    }
                });
                await cmd.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }

            await using var analyze = new NpgsqlCommand("ANALYZE messages", pg);
            await analyze.ExecuteNonQueryAsync();
            return;
        }

        // SQLite's fastest plain path: one prepared single-row INSERT re-executed inside a transaction per batch.
        await using var sqlite = new SqliteConnection(database.SqliteConnectionString);
        await sqlite.OpenAsync();
        for (var start = 0; start < rows; start += Batch)
        {
            await using var tx = (SqliteTransaction)await sqlite.BeginTransactionAsync();
            await using var cmd = sqlite.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = BuildInsert(1, (_, p) =>
            {
                foreach (var (name, _) in Row(0, connectionId, channelPrefix))
                {
                    cmd.Parameters.Add(new SqliteParameter(p + name, null));
                }
            });
            cmd.Prepare();
            for (var n = start; n < Math.Min(rows, start + Batch); n++)
            {
                var i = 0;
                foreach (var (_, value) in Row(n, connectionId, channelPrefix))
                {
                    cmd.Parameters[i++].Value = value is DateTimeOffset d ? SqliteInstant.ConvertToProvider(d) : value ?? DBNull.Value;
                }

                await cmd.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
        }
    }

    private static string BuildInsert(int count, Action<int, string> bind)
    {
        var sql = new StringBuilder("INSERT INTO messages (connection_id, channel_id, platform_id, author_id, author_name, text, search_text, sent_at, thread_id, edited_at, stored_at) VALUES ");
        for (var i = 0; i < count; i++)
        {
            var p = $"@r{i.ToString(CultureInfo.InvariantCulture)}_";
            sql.Append(i == 0 ? string.Empty : ",")
                .Append($"({p}c,{p}ch,{p}id,{p}a,{p}an,{p}t,{p}st,{p}s,{p}th,{p}e,{p}at)");
            bind(i, p);
        }

        return sql.ToString();
    }

    private static (string Name, object? Value)[] Row(int n, string connectionId, string channelPrefix)
    {
        var text = $"{Words[n % Words.Length]} {Words[(n / 7) % Words.Length]} message number {n} about {Words[(n / 49) % Words.Length]}";
        var sent = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000 + n);
        return
        [
            ("c", connectionId),
            ("ch", channelPrefix + (n % 50).ToString("D3", CultureInfo.InvariantCulture)),
            ("id", $"{1_600_000_000 + n}.{n % 1_000_000:D6}"),
            ("a", "U0BENCH" + (n % 10).ToString(CultureInfo.InvariantCulture)),
            ("an", null),
            ("t", text),
            ("st", text.ToLowerInvariant()),
            ("s", sent),
            ("th", null),
            ("e", null),
            ("at", DateTimeOffset.UtcNow),
        ];
    }
}
