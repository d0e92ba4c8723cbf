using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Connections.Common;

/// <summary>
/// Who may see which connection: members their own, owners and applications all. A connection the caller may not
/// see does not exist for them (404, never 403: its existence is not revealed).
/// </summary>
public static class ConnectionAccess
{
    public static IQueryable<Connection> VisibleTo(this IQueryable<Connection> connections, ICurrentUser user)
    {
        if (user.SeesEverything())
        {
            return connections;
        }

        var email = user.RequireEmail();
        return connections.Where(c => c.OwnerEmail == email);
    }

    /// <summary>Loads a visible connection with its channel catalog, tracked for changes.</summary>
    public static async Task<Result<Connection>> FindVisibleAsync(
        this IApplicationDbContext db,
        ICurrentUser user,
        string id,
        CancellationToken cancellationToken)
    {
        var connection = await db.Connections
            .VisibleTo(user)
            .Include(c => c.Channels)
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return connection is null ? ConnectionErrors.NotFound(id) : connection;
    }

    /// <summary>True when <paramref name="ownerEmail"/> already has a connection of that platform with that name.</summary>
    public static Task<bool> NameTakenAsync(
        this IApplicationDbContext db,
        string ownerEmail,
        Platform platform,
        string name,
        string? exceptId,
        CancellationToken cancellationToken)
    {
        var key = ConnectionName.Key(name);
        return db.Connections.AnyAsync(
            c => c.OwnerEmail == ownerEmail && c.Platform == platform && c.NameKey == key && c.Id != exceptId,
            cancellationToken);
    }
}
