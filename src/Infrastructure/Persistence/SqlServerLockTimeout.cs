using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Connections.Infrastructure.Persistence;

/// <summary>
/// SQL Server's counterpart of SQLite's busy timeout and PostgreSQL's <c>lock_timeout</c>. SqlClient has no
/// connection-string setting for it, so every command EF sends starts with <c>SET LOCK_TIMEOUT</c> (part of the same
/// batch: no extra round trip). A statement stuck behind another writer's lock then fails with error 1222 after
/// <c>Database:BusyTimeoutSeconds</c>, which <see cref="DatabaseErrors"/> classifies as busy (503 with Retry-After),
/// instead of waiting for the 30-second command timeout. Migrations are left alone: a second instance waits for the
/// first one's migration lock rather than failing its start, and DDL such as <c>CREATE VIEW</c> must open its batch.
/// </summary>
internal sealed class SqlServerLockTimeout(TimeSpan timeout) : DbCommandInterceptor
{
    private readonly string _statement = string.Create(CultureInfo.InvariantCulture, $"SET LOCK_TIMEOUT {(long)timeout.TotalMilliseconds};\n");

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.CommandSource != CommandSource.Migrations)
        {
            Apply(result);
        }

        return result;
    }

    /// <summary>The instance a context was configured with, for commands built outside EF; null on other providers.</summary>
    public static SqlServerLockTimeout? Of(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?
            .OfType<SqlServerLockTimeout>().FirstOrDefault();
    }

    /// <summary>Puts the lock timeout in front of a command (also used for commands built outside EF, e.g. the message upsert).</summary>
    public void Apply(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!command.CommandText.StartsWith(_statement, StringComparison.Ordinal))
        {
            command.CommandText = _statement + command.CommandText;
        }
    }
}
