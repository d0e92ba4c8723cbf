using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Connections.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings: with WAL, <c>synchronous=NORMAL</c> is SQLite's own recommendation — commits no
/// longer wait for an fsync of the WAL each time (the database stays consistent; only the last transactions before
/// a power loss can be lost, never corrupted) — which is what lets small, frequent commits (sync checkpoints) keep up.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
