using Connections.Application.Common.Interfaces;
using Connections.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs.Common;

/// <summary>Saves what a long sync run did to its connection, which callers may change while the run goes on.</summary>
public static class SyncOutcomeSaves
{
    /// <summary>
    /// Applies the run's outcome to the connection and saves. A caller may have renamed, re-validated or disconnected
    /// the connection while the run went on (its version changed): then reload it and apply the outcome again.
    /// </summary>
    public static async Task SaveWithConnectionAsync(
        this IApplicationDbContext db, Connection connection, Action<Connection> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            apply(connection);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException ex) when (attempt < 3)
            {
                foreach (var entry in ex.Entries)
                {
                    await entry.ReloadAsync(cancellationToken);
                }
            }
        }
    }
}
