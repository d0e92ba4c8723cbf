using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Connections.Common;

/// <summary>
/// Optimistic concurrency for writes that carry a <see cref="VersionCondition"/> (<c>If-Match</c>): the version is
/// compared when the connection is loaded, and again by the database in the same save — <c>Version</c> is the
/// aggregate's concurrency token, so an <c>UPDATE</c>/<c>DELETE</c> matches no row when another writer changed it in
/// between. Either way the answer is 412 and nothing is written.
/// </summary>
public static class ConnectionConcurrency
{
    /// <summary>Loads a visible connection (as <see cref="ConnectionAccess.FindVisibleAsync"/>) that also meets <paramref name="ifMatch"/>.</summary>
    public static async Task<Result<Connection>> FindVisibleAsync(
        this IApplicationDbContext db,
        ICurrentUser user,
        string id,
        VersionCondition? ifMatch,
        CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(user, id, cancellationToken);
        if (found.IsSuccess && ifMatch is not null && !ifMatch.IsMetBy(found.Value.Version))
        {
            return ConnectionErrors.StaleVersion(id);
        }

        return found;
    }

    /// <summary>
    /// Saves; with <paramref name="ifMatch"/>, a concurrent change of the connection since it was loaded is a 412
    /// failure instead of an exception (without one it stays the generic 409 <c>CONCURRENT_UPDATE</c>, as before).
    /// </summary>
    public static async Task<Result> SaveAsync(
        this IApplicationDbContext db,
        string id,
        VersionCondition? ifMatch,
        CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Success();
        }
        catch (DbUpdateConcurrencyException) when (ifMatch is not null)
        {
            return ConnectionErrors.StaleVersion(id);
        }
    }
}
