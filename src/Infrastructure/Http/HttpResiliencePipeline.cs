using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Connections.Infrastructure.Http;

/// <summary>
/// Builds the one resilience pipeline a platform's HTTP calls go through, in the order of Microsoft's standard
/// resilience handler: total timeout → retry → circuit breaker → attempt timeout.
/// </summary>
/// <remarks>
/// The retry decides both <i>whether</i> and <i>how long</i> in one place: a platform's Retry-After is honoured,
/// and when the wait would not fit the rest of the total budget (or exceeds <see cref="ResilienceOptions.MaxRetryAfter"/>)
/// the retry stops and the last response (typically the 429) goes back to the caller, who can then report
/// RATE_LIMITED with the wait instead of a vague timeout. 401/403/404 and every other 4xx are never retried.
/// </remarks>
public static class HttpResiliencePipeline
{
    /// <summary>When the whole call started (a <see cref="TimeProvider"/> timestamp); set by <see cref="ResilienceHandler"/>.</summary>
    public static readonly ResiliencePropertyKey<long> StartedAtKey = new("Connections.Http.StartedAt");

    /// <summary>The delay the retry predicate chose for the next attempt, handed to the delay generator.</summary>
    private static readonly ResiliencePropertyKey<TimeSpan> NextDelayKey = new("Connections.Http.NextDelay");

    /// <summary>Creates a pipeline; keep the instance for the life of the application so the breaker's state lasts.</summary>
    public static ResiliencePipeline<HttpResponseMessage> Create(
        string name, ResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = name,
            TimeProvider = timeProvider,
        };

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "total-timeout", Timeout = options.TotalTimeout });

        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                ShouldHandle = args => ShouldRetryAsync(args, options, timeProvider, logger, name),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Context.Properties.GetValue(NextDelayKey, options.BaseDelay)),
                OnRetry = args =>
                {
                    logger.LogWarning(
                        "{Pipeline}: retrying after {Delay} ms (retry {Retry}) because of {Reason}",
                        name,
                        (long)args.RetryDelay.TotalMilliseconds,
                        args.AttemptNumber + 1,
                        Describe(args.Outcome));
                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "circuit-breaker",
            FailureRatio = options.FailureRatio,
            SamplingDuration = options.SamplingDuration,
            MinimumThroughput = options.MinimumThroughput,
            BreakDuration = options.BreakDuration,
            // A 429 is one workspace's quota, not the platform failing: it must not open the circuit for every tenant.
            ShouldHandle = args => ValueTask.FromResult(
                IsTransientFailure(args.Outcome) && args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests),
            OnOpened = args =>
            {
                logger.LogError(
                    "{Pipeline}: circuit opened for {BreakDuration} ms after repeated failures (last: {Reason})",
                    name,
                    (long)args.BreakDuration.TotalMilliseconds,
                    Describe(args.Outcome));
                return default;
            },
            OnClosed = _ =>
            {
                logger.LogInformation("{Pipeline}: circuit closed again", name);
                return default;
            },
        });

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });

        return builder.Build();
    }

    /// <summary>
    /// Transient: 5xx, 408, 429, a network failure (<see cref="HttpRequestException"/>) or an attempt timeout.
    /// Everything else, 401/403/404 included, is an answer to take as it is.
    /// </summary>
    public static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Exception: not null } => false,
        { Result: { } response } => IsTransientStatus(response.StatusCode),
        _ => false,
    };

    /// <summary>5xx, 408 Request Timeout and 429 Too Many Requests.</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>The exponential back-off for a retry (0-based), capped, with ±25 % jitter.</summary>
    public static TimeSpan BackoffDelay(int retry, ResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponential = options.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 30));
        var capped = Math.Min(exponential, options.MaxDelay.TotalMilliseconds);
        var jittered = capped * (0.75 + (Random.Shared.NextDouble() * 0.5));
        return TimeSpan.FromMilliseconds(jittered);
    }

    private static async ValueTask<bool> ShouldRetryAsync(
        RetryPredicateArguments<HttpResponseMessage> args,
        ResilienceOptions options,
        TimeProvider timeProvider,
        ILogger logger,
        string name)
    {
        if (!IsTransientFailure(args.Outcome) || args.AttemptNumber >= options.MaxRetryAttempts)
        {
            return false;
        }

        var delay = BackoffDelay(args.AttemptNumber, options);
        if (args.Outcome.Result is { } response)
        {
            var asked = await RetryAfter.FromResponseAsync(response, timeProvider.GetUtcNow(), args.Context.CancellationToken);
            if (asked is { } retryAfter)
            {
                if (retryAfter > options.MaxRetryAfter)
                {
                    logger.LogWarning(
                        "{Pipeline}: not retrying, the platform asked to wait {RetryAfter} ms (more than the {MaxRetryAfter} ms we sit out)",
                        name,
                        (long)retryAfter.TotalMilliseconds,
                        (long)options.MaxRetryAfter.TotalMilliseconds);
                    return false;
                }

                delay = retryAfter;
            }
        }

        var elapsed = args.Context.Properties.TryGetValue(StartedAtKey, out var startedAt)
            ? timeProvider.GetElapsedTime(startedAt)
            : TimeSpan.Zero;
        var remaining = options.TotalTimeout - elapsed;
        if (delay >= remaining)
        {
            logger.LogWarning(
                "{Pipeline}: not retrying, a wait of {Delay} ms does not fit the {Remaining} ms left of the time budget",
                name,
                (long)delay.TotalMilliseconds,
                (long)Math.Max(0, remaining.TotalMilliseconds));
            return false;
        }

        args.Context.Properties.Set(NextDelayKey, delay);
        return true;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } exception } => exception.GetType().Name,
        { Result: { } response } => $"HTTP {(int)response.StatusCode}",
        _ => "unknown outcome",
    };
}
