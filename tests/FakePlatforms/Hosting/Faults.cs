namespace Connections.FakePlatforms.Hosting;

/// <summary>Transport-level misbehaviour a scenario can add before the normal answer. Rendered per platform.</summary>
internal enum FaultKind
{
    None,
    RateLimitedOnce,
    RateLimited,
    ServerErrorOnce,
    ServerError,
    Garbage,
    Slow,
}

internal static class Faults
{
    /// <summary>How long a "slow" token keeps the client waiting (unless it gives up first).</summary>
    public static readonly TimeSpan SlowDelay = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Decides which fault applies to this request: "once" faults hit only the first request of a token,
    /// "slow" waits and then answers normally (or as a server error when the wait was cut short).
    /// </summary>
    public static async Task<FaultKind> ApplyAsync(
        FaultKind fault, FakePlatform platform, string token, FakePlatformState state, HttpContext context)
    {
        switch (fault)
        {
            case FaultKind.RateLimitedOnce or FaultKind.ServerErrorOnce:
                return state.TryConsumeOnce(platform, token) ? fault : FaultKind.None;

            case FaultKind.Slow:
                var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                using (var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
                {
                    try
                    {
                        await Task.Delay(SlowDelay, cts.Token);
                        return FaultKind.None;
                    }
                    catch (OperationCanceledException)
                    {
                        return FaultKind.ServerError;
                    }
                }

            default:
                return fault;
        }
    }

    public static bool IsRateLimit(this FaultKind fault) => fault is FaultKind.RateLimitedOnce or FaultKind.RateLimited;
}
