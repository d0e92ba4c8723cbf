using Connections.Application.Common.Interfaces;
using Connections.Infrastructure.Persistence;
using Connections.Infrastructure.Sync.Statements;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.Sync;

/// <summary>
/// Leases as rows. A claim is one atomic upsert per provider (<see cref="ClaimLeaseSql"/>): exactly one of several
/// racing instances gets a row. Renewal and release touch only a row we own, with EF's own UPDATE and DELETE.
/// </summary>
internal sealed class SqlSyncLeases(IServiceScopeFactory scopes, TimeProvider clock) : ISyncLeases
{
    public async Task<bool> TryAcquireAsync(string connectionId, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)ttl.TotalMilliseconds;
        return await ExecuteAsync(
            db => db.Database.ExecuteSqlAsync(ClaimLeaseSql.For(db.Database.Provider(), connectionId, owner, expires, now), cancellationToken),
            cancellationToken) == 1;
    }

    public async Task<bool> RenewAsync(string connectionId, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)ttl.TotalMilliseconds;
        return await ExecuteAsync(
            db => db.SyncLeases
                .Where(l => l.ConnectionId == connectionId && l.Owner == owner)
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAtMs, expires), cancellationToken),
            cancellationToken) == 1;
    }

    public Task ReleaseAsync(string connectionId, string owner, CancellationToken cancellationToken) =>
        ExecuteAsync(
            db => db.SyncLeases.Where(l => l.ConnectionId == connectionId && l.Owner == owner).ExecuteDeleteAsync(cancellationToken),
            cancellationToken);

    private async Task<int> ExecuteAsync(Func<ConnectionsDbContext, Task<int>> statement, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        return await statement(scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>());
    }
}
