using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Connections.Infrastructure.Persistence;

internal static class DatabaseProviders
{
    /// <summary>Which of our three providers a context runs on: the one switch raw statements choose their SQL by.</summary>
    public static DatabaseProvider Provider(this DatabaseFacade database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsSqlite())
        {
            return DatabaseProvider.Sqlite;
        }

        if (database.IsNpgsql())
        {
            return DatabaseProvider.Postgres;
        }

        return database.IsSqlServer()
            ? DatabaseProvider.SqlServer
            : throw new NotSupportedException($"Database provider '{database.ProviderName}' is not one of Sqlite, Postgres, SqlServer.");
    }
}
