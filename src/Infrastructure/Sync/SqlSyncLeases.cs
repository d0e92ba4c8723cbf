using Connections.Application.Common.Interfaces;
using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.Sync;

/// <summary>
/// Leases as rows, claimed with one atomic upsert (<c>INSERT … ON CONFLICT DO UPDATE … WHERE expired or ours</c>) —
/// the same statement on SQLite and PostgreSQL: exactly one of several racing instances gets a row back.
/// </summary>
internal sealed class SqlSyncLeases(IServiceScopeFactory scopes, TimeProvider clock) : ISyncLeases
{
    public async Task<bool> TryAcquireAsync(string connectionId, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)ttl.TotalMilliseconds;
        return await ExecuteAsync(
            db => db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO sync_leases (connection_id, owner, expires_at_ms) VALUES ({connectionId}, {owner}, {expires})
                ON CONFLICT (connection_id) DO UPDATE SET owner = excluded.owner, expires_at_ms = excluded.expires_at_ms
                WHERE sync_leases.expires_at_ms < {now} OR sync_leases.owner = {owner}
                """,
                cancellationToken),
            cancellationToken) == 1;
    }

    public async Task<bool> RenewAsync(string connectionId, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow().ToUnixTimeMilliseconds() + (long)ttl.TotalMilliseconds;
        return await ExecuteAsync(
            db => db.Database.ExecuteSqlAsync(
                $"UPDATE sync_leases SET expires_at_ms = {expires} WHERE connection_id = {connectionId} AND owner = {owner}",
                cancellationToken),
            cancellationToken) == 1;
    }

    public Task ReleaseAsync(string connectionId, string owner, CancellationToken cancellationToken) =>
        ExecuteAsync(
            db => db.Database.ExecuteSqlAsync($"DELETE FROM sync_leases WHERE connection_id = {connectionId} AND owner = {owner}", cancellationToken),
            cancellationToken);

    private async Task<int> ExecuteAsync(Func<ConnectionsDbContext, Task<int>> statement, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        return await statement(scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>());
    }
}
