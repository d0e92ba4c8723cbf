using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Connections.Infrastructure.Persistence;

/// <summary>What went wrong in the database, in terms the web layer can answer with.</summary>
public enum DatabaseFailure
{
    /// <summary>Not a recognised database failure.</summary>
    None,
    /// <summary>Locked or busy (SQLite BUSY/LOCKED, PostgreSQL lock or connection exhaustion): retry shortly, 503.</summary>
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
            }
        }

        return DatabaseFailure.None;
    }
}
