namespace Connections.Infrastructure.Platforms.Resilience;

/// <summary>
/// The one retry decision the resilience package cannot make for us: whether a wait the platform asked for
/// (<c>Retry-After</c>, Discord's <c>retry_after</c>) is worth sitting out.
/// </summary>
/// <remarks>
/// A wait longer than <see cref="ResilienceOptions.MaxRetryAfter"/>, or one that would not fit what is left of
/// <see cref="ResilienceOptions.TotalTimeout"/>, ends the retries at once: the 429 goes back to the client, which
/// reports RATE_LIMITED with the wait, instead of sleeping until the total timeout turns it into a vague timeout.
/// </remarks>
public static class RetryAfterBudget
{
    /// <summary>True when <paramref name="wait"/> may be sat out, <paramref name="elapsed"/> into the call.</summary>
    public static bool Allows(TimeSpan wait, TimeSpan elapsed, ResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return wait <= options.MaxRetryAfter && wait < options.TotalTimeout - elapsed;
    }
}
