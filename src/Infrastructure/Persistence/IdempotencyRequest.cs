namespace Connections.Infrastructure.Persistence;

/// <summary>
/// One caller's use of one <c>Idempotency-Key</c>: claimed while the request runs, then the response to replay.
/// Times are Unix milliseconds, so every provider compares plain numbers.
/// </summary>
public sealed class IdempotencyRequest
{
    public const int MaxKeyLength = 255;

    public const string InProgress = "in_progress";

    public const string Completed = "completed";

    /// <summary>The API key id of the caller: keys are scoped to it.</summary>
    public string CallerId { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the method, path and exact body bytes: the request the key stands for.</summary>
    public string RequestHash { get; set; } = string.Empty;

    public string State { get; set; } = InProgress;

    public int? StatusCode { get; set; }

    /// <summary>The replayed headers as a JSON object (Location, Content-Type, ETag, Link).</summary>
    public string? HeadersJson { get; set; }

    public byte[]? Body { get; set; }

    /// <summary>When the key was claimed: an in-progress claim older than the lease is abandoned.</summary>
    public long CreatedAtMs { get; set; }

    /// <summary>After this the record is never replayed and is purged.</summary>
    public long ExpiresAtMs { get; set; }
}
