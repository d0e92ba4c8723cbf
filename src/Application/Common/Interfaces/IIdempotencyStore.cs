namespace Connections.Application.Common.Interfaces;

/// <summary>
/// Durable idempotency records shared by every instance (Stripe's semantics): a caller's key is claimed once, the
/// first response is kept for <see cref="IdempotencyWindow.Retention"/> and replayed to any retry of the same request.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims <paramref name="key"/> for <paramref name="caller"/> with one atomic insert, or says why not: the request
    /// is still running elsewhere, it finished (the stored response), or the key was used for another request.
    /// Expired records and abandoned claims (older than <see cref="IdempotencyWindow.Lease"/>) are taken over.
    /// </summary>
    Task<IdempotencyClaim> TryClaimAsync(string caller, string key, string requestHash, CancellationToken cancellationToken);

    /// <summary>Stores the response of a claimed request so retries replay it.</summary>
    Task CompleteAsync(string caller, string key, StoredResponse response, CancellationToken cancellationToken);

    /// <summary>Forgets a claim whose response is not kept (a 5xx, a rate limit), so a retry executes again.</summary>
    Task ReleaseAsync(string caller, string key, CancellationToken cancellationToken);

    /// <summary>Deletes the records older than the retention window; returns how many.</summary>
    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}

/// <summary>How long records live and how long a running claim may block its key.</summary>
public static class IdempotencyWindow
{
    /// <summary>A completed request is replayed for this long after it was first received.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>A claim still in progress after this long belongs to a crashed instance and may be claimed again.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
}

public enum IdempotencyOutcome
{
    /// <summary>This request owns the key: execute it, then complete or release.</summary>
    Claimed,
    /// <summary>Another request with this key is executing right now.</summary>
    InProgress,
    /// <summary>The same request finished before: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Completed,
    /// <summary>The key was used for a different request (method, path or body).</summary>
    Mismatch,
}

public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, StoredResponse? Response = null)
{
    public static readonly IdempotencyClaim Claimed = new(IdempotencyOutcome.Claimed);
    public static readonly IdempotencyClaim InProgress = new(IdempotencyOutcome.InProgress);
    public static readonly IdempotencyClaim Mismatch = new(IdempotencyOutcome.Mismatch);
}

/// <summary>A response as it is replayed: status, the headers that matter, and the exact body bytes.</summary>
public sealed record StoredResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body);
