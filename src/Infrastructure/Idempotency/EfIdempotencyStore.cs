using System.Text.Json;
using Connections.Application.Common.Interfaces;
using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.Idempotency;

/// <summary>
/// Idempotency records as rows of <c>idempotency_requests</c>, keyed by (caller, key). A claim is one INSERT: of
/// several racing instances exactly one succeeds, the others hit the key and read what is there. A stale row (expired,
/// or claimed longer than the lease ago and never finished) is deleted — only if it is still the row that was read —
/// before the INSERT, so taking it over races the same way. Each call uses its own context, apart from the request's.
/// </summary>
internal sealed class EfIdempotencyStore(IServiceScopeFactory scopes, TimeProvider clock) : IIdempotencyStore
{
    public async Task<IdempotencyClaim> TryClaimAsync(string caller, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();

        var existing = await FindAsync(db, caller, key, cancellationToken);
        if (existing is not null)
        {
            if (!IsStale(existing, now))
            {
                return Answer(existing, requestHash);
            }

            await db.IdempotencyRequests
                .Where(r => r.CallerId == caller && r.Key == key && r.CreatedAtMs == existing.CreatedAtMs && r.State == existing.State)
                .ExecuteDeleteAsync(cancellationToken);
        }

        db.IdempotencyRequests.Add(new IdempotencyRequest
        {
            CallerId = caller,
            Key = key,
            RequestHash = requestHash,
            State = IdempotencyRequest.InProgress,
            CreatedAtMs = now,
            ExpiresAtMs = now + (long)IdempotencyWindow.Retention.TotalMilliseconds,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.Classify(e) == DatabaseFailure.UniqueViolation)
        {
            // Someone else claimed it between our read and our insert: answer from their row.
            db.ChangeTracker.Clear();
            var winner = await FindAsync(db, caller, key, cancellationToken);
            return winner is null ? IdempotencyClaim.InProgress : Answer(winner, requestHash);
        }

        // Housekeeping on insert: the table holds at most a day of claims, and no background service is needed.
        await db.IdempotencyRequests.Where(r => r.ExpiresAtMs <= now).ExecuteDeleteAsync(cancellationToken);
        return IdempotencyClaim.Claimed;
    }

    public async Task CompleteAsync(string caller, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = JsonSerializer.Serialize(response.Headers);
        var body = response.Body;
        await ExecuteAsync(
            db => db.IdempotencyRequests
                .Where(r => r.CallerId == caller && r.Key == key && r.State == IdempotencyRequest.InProgress)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(r => r.State, IdempotencyRequest.Completed)
                        .SetProperty(r => r.StatusCode, response.StatusCode)
                        .SetProperty(r => r.HeadersJson, headers)
                        .SetProperty(r => r.Body, body),
                    cancellationToken),
            cancellationToken);
    }

    public Task ReleaseAsync(string caller, string key, CancellationToken cancellationToken) =>
        ExecuteAsync(
            db => db.IdempotencyRequests
                .Where(r => r.CallerId == caller && r.Key == key && r.State == IdempotencyRequest.InProgress)
                .ExecuteDeleteAsync(cancellationToken),
            cancellationToken);

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return ExecuteAsync(db => db.IdempotencyRequests.Where(r => r.ExpiresAtMs <= now).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    private static Task<IdempotencyRequest?> FindAsync(ConnectionsDbContext db, string caller, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRequests.AsNoTracking().SingleOrDefaultAsync(r => r.CallerId == caller && r.Key == key, cancellationToken);

    private static bool IsStale(IdempotencyRequest row, long now) =>
        row.ExpiresAtMs <= now
        || (row.State == IdempotencyRequest.InProgress && row.CreatedAtMs + (long)IdempotencyWindow.Lease.TotalMilliseconds <= now);

    private static IdempotencyClaim Answer(IdempotencyRequest row, string requestHash)
    {
        if (!string.Equals(row.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return IdempotencyClaim.Mismatch;
        }

        if (row.State != IdempotencyRequest.Completed || row.StatusCode is not { } status)
        {
            return IdempotencyClaim.InProgress;
        }

        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(row.HeadersJson ?? "{}") ?? [];
        return new IdempotencyClaim(IdempotencyOutcome.Completed, new StoredResponse(status, headers, row.Body ?? []));
    }

    private async Task<int> ExecuteAsync(Func<ConnectionsDbContext, Task<int>> statement, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        return await statement(scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>());
    }
}
