using Microsoft.Data.SqlClient;
using Npgsql;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// A throwaway database for one test host: a SQLite file in a temp folder, a fresh PostgreSQL database on the
/// server the test script started (<c>CONNECTIONS_TEST_DB=Postgres</c> + <c>CONNECTIONS_TEST_POSTGRES</c>), or a
/// fresh SQL Server database on the server <c>CONNECTIONS_TEST_SQLSERVER</c> names (<c>CONNECTIONS_TEST_DB=SqlServer</c>;
/// without it the whole suite is skipped, see <see cref="SuiteSetup"/>).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "CONNECTIONS_TEST_SQLSERVER";

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

    /// <summary>The SQL Server to test against (a login that may create databases), or null when none is configured.</summary>
    public static string? SqlServerAdminConnectionString =>
        Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } value ? value : null;

    public string Provider { get; }

    public bool IsPostgres => Provider == "Postgres";

    public bool IsSqlServer => Provider == "SqlServer";

    public string DataDirectory { get; }

    public string? ConnectionString { get; }

    public string? DatabaseName { get; }

    /// <summary>The SQLite database file (and its WAL) live here.</summary>
    public string SqliteFile => Path.Combine(DataDirectory, "connections.db");

    public static async Task<TestDatabase> CreateAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("connections-test-").FullName;
        var name = "connections_test_" + Guid.NewGuid().ToString("N")[..16];
        switch (ProviderUnderTest)
        {
            case "Postgres":
            {
                var admin = Environment.GetEnvironmentVariable("CONNECTIONS_TEST_POSTGRES")
                    ?? throw new InvalidOperationException("CONNECTIONS_TEST_DB=Postgres needs CONNECTIONS_TEST_POSTGRES (the test script sets both).");
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                    await create.ExecuteNonQueryAsync();
                }

                var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
                return new TestDatabase("Postgres", dataDirectory, builder.ToString(), admin, name);
            }

            case "SqlServer":
            {
                var admin = SqlServerAdminConnectionString
                    ?? throw new InvalidOperationException($"CONNECTIONS_TEST_DB=SqlServer needs {SqlServerVariable} (the suite is skipped without it).");
                await using (var connection = new SqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var create = new SqlCommand($"CREATE DATABASE [{name}]", connection);
                    await create.ExecuteNonQueryAsync();
                }

                var builder = new SqlConnectionStringBuilder(admin) { InitialCatalog = name };
                return new TestDatabase("SqlServer", dataDirectory, builder.ToString(), admin, name);
            }

            default:
                return new TestDatabase("Sqlite", dataDirectory, null, null, null);
        }
    }

    /// <summary>Every row of every table as text: what a thief with the database would see.</summary>
    public async Task<string> DumpAsync()
    {
        if (IsPostgres)
        {
            return await DumpPostgresAsync();
        }

        if (IsSqlServer)
        {
            return await DumpSqlServerAsync();
        }

        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(DataDirectory, "connections.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (IsPostgres)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else if (IsSqlServer)
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new SqlCommand(
                $"IF DB_ID(N'{DatabaseName}') IS NOT NULL BEGIN ALTER DATABASE [{DatabaseName}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{DatabaseName}]; END",
                connection);
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

    private async Task<string> DumpPostgresAsync()
    {
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

    /// <summary>Every value of every row, binary values as Latin-1 text (so plain bytes would show).</summary>
    private async Task<string> DumpSqlServerAsync()
    {
        var dump = new System.Text.StringBuilder();
        await using var connection = new SqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new SqlCommand("SELECT TABLE_SCHEMA + '.' + TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            var parts = table.Split('.', 2);
            await using var select = new SqlCommand($"SELECT * FROM [{parts[0]}].[{parts[1]}]", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    dump.Append(value is byte[] bytes ? System.Text.Encoding.Latin1.GetString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\t');
                }

                dump.AppendLine();
            }
        }

        return dump.ToString();
    }
}
