using Npgsql;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A throwaway database for one test host: a SQLite file in a temp folder, or a fresh PostgreSQL database on the
/// server the test script started (<c>CONNECTIONS_TEST_DB=Postgres</c> + <c>CONNECTIONS_TEST_POSTGRES</c>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnectionString;

    private TestDatabase(string provider, string dataDirectory, string? connectionString, string? adminConnectionString, string? databaseName)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        DatabaseName = databaseName;
    }

    public static string ProviderUnderTest => Environment.GetEnvironmentVariable("CONNECTIONS_TEST_DB") ?? "Sqlite";

    public string Provider { get; }

    public bool IsPostgres => Provider == "Postgres";

    public string DataDirectory { get; }

    public string? ConnectionString { get; }

    public string? DatabaseName { get; }

    /// <summary>The SQLite database file (and its WAL) live here.</summary>
    public string SqliteFile => Path.Combine(DataDirectory, "connections.db");

    public static async Task<TestDatabase> CreateAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("connections-test-").FullName;
        if (ProviderUnderTest != "Postgres")
        {
            return new TestDatabase("Sqlite", dataDirectory, null, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("CONNECTIONS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("CONNECTIONS_TEST_DB=Postgres needs CONNECTIONS_TEST_POSTGRES (the test script sets both).");
        var name = "connections_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase("Postgres", dataDirectory, builder.ToString(), admin, name);
    }

    /// <summary>Every row of every table as text: what a thief with the database would see.</summary>
    public async Task<string> DumpAsync()
    {
        if (!IsPostgres)
        {
            var text = new System.Text.StringBuilder();
            foreach (var file in Directory.GetFiles(DataDirectory, "connections.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
                text.Append(await reader.ReadToEndAsync());
            }

            return text.ToString();
        }

        var dump = new System.Text.StringBuilder();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                dump.AppendLine(reader.GetString(0));
            }
        }

        return dump.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}
