using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Connections.Infrastructure.Persistence;

/// <summary>What went wrong in the database, in terms the web layer can answer with.</summary>
public enum DatabaseFailure
{
    /// <summary>Not a recognised database failure.</summary>
    None,
    /// <summary>Locked or busy (SQLite BUSY/LOCKED, PostgreSQL lock or connection exhaustion, SQL Server lock timeout or deadlock): retry shortly, 503.</summary>
    Busy,
    /// <summary>A unique constraint was hit by a concurrent writer: 409.</summary>
    UniqueViolation,
    /// <summary>The row changed since it was read (optimistic concurrency): 409.</summary>
    ConcurrentUpdate,
}

public static class DatabaseErrors
{
    public static DatabaseFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is DbUpdateConcurrencyException)
        {
            return DatabaseFailure.ConcurrentUpdate;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return DatabaseFailure.Busy;
                case SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }:
                    return DatabaseFailure.UniqueViolation;
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return DatabaseFailure.UniqueViolation;
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected }:
                    return DatabaseFailure.Busy;
                case NpgsqlException { IsTransient: true }:
                    return DatabaseFailure.Busy;
                case SqlException { Number: SqlServerErrors.DuplicateKeyInUniqueIndex or SqlServerErrors.UniqueConstraintViolation }:
                    return DatabaseFailure.UniqueViolation;
                case SqlException { Number: SqlServerErrors.LockTimeout or SqlServerErrors.DeadlockVictim or SqlServerErrors.CommandTimeout }:
                    return DatabaseFailure.Busy;
            }
        }

        return DatabaseFailure.None;
    }
}

/// <summary>The SQL Server error numbers <see cref="DatabaseErrors"/> recognises (<c>SqlException.Number</c>).</summary>
internal static class SqlServerErrors
{
    /// <summary>"Cannot insert duplicate key row in object … with unique index …" (a unique index).</summary>
    public const int DuplicateKeyInUniqueIndex = 2601;

    /// <summary>"Violation of … constraint … Cannot insert duplicate key" (a primary key or unique constraint).</summary>
    public const int UniqueConstraintViolation = 2627;

    /// <summary>"Lock request time out period exceeded": <c>SET LOCK_TIMEOUT</c> ran out (see <see cref="SqlServerLockTimeout"/>).</summary>
    public const int LockTimeout = 1222;

    /// <summary>"Transaction … was deadlocked … and has been chosen as the deadlock victim": retrying succeeds.</summary>
    public const int DeadlockVictim = 1205;

    /// <summary>SqlClient's own "Execution Timeout Expired" (the command timeout), like Npgsql's transient timeouts.</summary>
    public const int CommandTimeout = -2;
}
