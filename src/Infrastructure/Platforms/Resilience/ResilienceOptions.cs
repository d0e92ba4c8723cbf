namespace Connections.Infrastructure.Platforms.Resilience;

/// <summary>
/// How calls to a platform are made resilient: the shape of Microsoft's standard resilience handler
/// (total timeout → retry → circuit breaker → attempt timeout), configured with our rules through
/// <see cref="PlatformResilience.AddPlatformResilienceHandler"/>. Bound from <c>Platforms:Resilience</c>.
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>The whole call, every attempt and every wait included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt; an attempt that times out is retried like a network error.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt (0 disables retrying).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The median first back-off delay; later ones double (Polly's exponential back-off with jitter).</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off we choose ourselves (a platform's Retry-After is judged by <see cref="MaxRetryAfter"/>).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest Retry-After we are willing to sit out. A longer one (or one beyond the rest of the total budget)
    /// ends the retries at once and hands the 429 back, so the caller reports RATE_LIMITED with the wait.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The share of failed calls in <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>The window the failure ratio is measured over.</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No decision to open the circuit on fewer calls than this within the window.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>How long an open circuit fails calls fast before letting one probe through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
