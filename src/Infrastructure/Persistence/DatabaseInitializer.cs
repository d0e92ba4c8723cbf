using Connections.Infrastructure.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.Persistence;

/// <summary>Creates and migrates the database at start-up; on SQLite also turns on WAL (readers never block the writer).</summary>
/// <remarks>
/// The data folder is made 0700 and its files 0600 (ADR 0018); the SQLite file is created 0600 before SQLite opens it,
/// since SQLite gives its -wal and -shm files the database file's permissions.
/// </remarks>
public sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, IHostEnvironment environment, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        var dataDirectory = Path.GetFullPath(options.Value.DataDirectory, environment.ContentRootPath);
        OwnerOnlyFiles.CreateFolder(dataDirectory);
        string[] databaseFiles = [];
        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } source && source != ":memory:")
            {
                var file = Path.GetFullPath(source);
                OwnerOnlyFiles.CreateFolder(Path.GetDirectoryName(file)!);
                CreateOwnerOnly(file);
                databaseFiles = [file, file + "-wal", file + "-shm", file + "-journal"];
            }
        }

        var tightened = OwnerOnlyFiles.Tighten(dataDirectory, databaseFiles);
        if (tightened.Count > 0)
        {
            LogTightened(tightened.Count, dataDirectory);
        }

        if (options.Value.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        if (options.Value.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            LogMigrated(options.Value.Provider, pending.Count);
        }
    }

    /// <summary>An empty file is a valid empty SQLite database; creating it here gives it (and its WAL) mode 0600.</summary>
    private static void CreateOwnerOnly(string file)
    {
        if (File.Exists(file))
        {
            return;
        }

        try
        {
            using var created = new FileStream(file, OwnerOnlyFiles.NewFile());
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another instance created it at the same moment.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed group and other permissions from {Count} path(s) of the data folder {Directory} (left readable by an older version); the data folder is now readable only by this user")]
    private partial void LogTightened(int count, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}); applied {Count} migration(s)")]
    private partial void LogMigrated(DatabaseProvider provider, int count);
}
