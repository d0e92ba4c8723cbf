using System.Net;
using Connections.Domain.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace Connections.Infrastructure.Platforms.Resilience;

/// <summary>
/// Our platform rules on Microsoft.Extensions.Http.Resilience: one resilience handler per platform client, in the
/// order of the standard handler — total timeout → retry → the platform's circuit breaker → attempt timeout — and
/// below it <see cref="ResponseBufferingHandler"/>, so an attempt includes reading the body.
/// </summary>
/// <remarks>
/// <para>Retries: 5xx, 408, 429, network errors and attempt timeouts (the package's transient predicate), with
/// Polly's exponential back-off and jitter, or the wait the platform asked for (<see cref="RetryAfter"/>) when it
/// fits <see cref="RetryAfterBudget"/>; when it does not, the 429 goes back at once. Every other 4xx (401 above all)
/// is an answer, never retried.</para>
/// <para>The circuit breaker is one pipeline per <see cref="Platform"/> in the container's resilience registry,
/// nested into the handler of every client that calls this for that platform: its state is the platform's (not a
/// client's or a token's) and lives as long as the container, across IHttpClientFactory's handler recycling. 429s
/// (one workspace's quota) do not count against it.</para>
/// <para>Failures surface as the pipeline leaves them: a final 5xx, or a 429 whose wait did not fit, is returned;
/// network failures throw <see cref="HttpRequestException"/>, timeouts <see cref="TimeoutRejectedException"/>, an
/// open circuit <see cref="BrokenCircuitException"/> — <see cref="PlatformFailures"/> maps each.</para>
/// </remarks>
public static class PlatformResilience
{
    /// <summary>When the call's time budget started (a <see cref="TimeProvider"/> timestamp).</summary>
    private static readonly ResiliencePropertyKey<long> BudgetStartedAt = new("Connections.Platforms.BudgetStartedAt");

    /// <summary>
    /// Adds the platform's resilience handler (options from <c>Platforms:Resilience</c>) and the per-attempt
    /// buffering below it. Register the client with <c>Timeout = InfiniteTimeSpan</c>: the total timeout governs.
    /// </summary>
    public static IHttpClientBuilder AddPlatformResilienceHandler(this IHttpClientBuilder builder, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Keyed by platform, so every client of a platform gets the same breaker; the first registration wins.
        builder.Services.AddResiliencePipeline<Platform, HttpResponseMessage>(platform, (breaker, context) =>
        {
            breaker.Name = $"{Name(platform)}-circuit-breaker";
            AddCircuitBreaker(breaker, ResilienceOptionsFrom(context.ServiceProvider));
        });

        builder.AddResilienceHandler(Name(platform), (pipeline, context) =>
        {
            var services = context.ServiceProvider;
            var options = ResilienceOptionsFrom(services);
            var timeProvider = pipeline.TimeProvider ?? TimeProvider.System;
            var logger = services.GetRequiredService<ILoggerFactory>()
                .CreateLogger($"{typeof(PlatformResilience).Namespace}.{platform}");

            pipeline.AddTimeout(new TimeoutStrategyOptions
            {
                Name = "total-timeout",
                // The outermost strategy runs first on every call: the budget the retry measures waits against starts here.
                TimeoutGenerator = args =>
                {
                    args.Context.Properties.Set(BudgetStartedAt, timeProvider.GetTimestamp());
                    return ValueTask.FromResult(options.TotalTimeout);
                },
            });

            if (options.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(RetryOptions(options, timeProvider, logger));
            }

            pipeline.AddPipeline(services.GetRequiredService<ResiliencePipelineProvider<Platform>>()
                .GetPipeline<HttpResponseMessage>(platform));
            pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "attempt-timeout", Timeout = options.AttemptTimeout });
        });

        return builder.AddHttpMessageHandler(() => new ResponseBufferingHandler());
    }

    private static RetryStrategyOptions<HttpResponseMessage> RetryOptions(
        ResilienceOptions options, TimeProvider timeProvider, ILogger logger) => new()
    {
        Name = "retry",
        MaxRetryAttempts = options.MaxRetryAttempts,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.BaseDelay,
        MaxDelay = options.MaxDelay,
        ShouldHandle = args => ShouldRetryAsync(args, options, timeProvider, logger),
        // The wait the platform asked for, when it named one (ShouldHandle has checked it fits); else Polly's back-off.
        DelayGenerator = async args => args.Outcome.Result is { } response
            ? await RetryAfter.FromResponseAsync(response, timeProvider.GetUtcNow(), args.Context.CancellationToken)
            : null,
        OnRetry = args =>
        {
            logger.LogInformation(
                "Retrying after {Delay} ms (retry {Retry}) because of {Reason}",
                (long)args.RetryDelay.TotalMilliseconds,
                args.AttemptNumber + 1,
                Describe(args.Outcome));
            return default;
        },
    };

    private static void AddCircuitBreaker(ResiliencePipelineBuilder<HttpResponseMessage> breaker, ResilienceOptions options) =>
        breaker.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            Name = "circuit-breaker",
            FailureRatio = options.FailureRatio,
            SamplingDuration = options.SamplingDuration,
            MinimumThroughput = options.MinimumThroughput,
            BreakDuration = options.BreakDuration,
            // A 429 is one workspace's quota, not the platform failing: it must not open the circuit for every tenant.
            ShouldHandle = args => ValueTask.FromResult(
                HttpClientResiliencePredicates.IsTransient(args.Outcome)
                && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
        });

    private static async ValueTask<bool> ShouldRetryAsync(
        RetryPredicateArguments<HttpResponseMessage> args, ResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        if (args.AttemptNumber >= options.MaxRetryAttempts || !HttpClientResiliencePredicates.IsTransient(args.Outcome))
        {
            return false;
        }

        if (args.Outcome.Result is not { } response
            || await RetryAfter.FromResponseAsync(response, timeProvider.GetUtcNow(), args.Context.CancellationToken) is not { } wait)
        {
            return true;
        }

        var elapsed = args.Context.Properties.TryGetValue(BudgetStartedAt, out var startedAt)
            ? timeProvider.GetElapsedTime(startedAt)
            : TimeSpan.Zero;
        if (RetryAfterBudget.Allows(wait, elapsed, options))
        {
            return true;
        }

        logger.LogWarning(
            "Not retrying: the platform asked to wait {RetryAfter} ms, more than we sit out ({MaxRetryAfter} ms) or than is left of the time budget ({Remaining} ms)",
            (long)wait.TotalMilliseconds,
            (long)options.MaxRetryAfter.TotalMilliseconds,
            (long)Math.Max(0, (options.TotalTimeout - elapsed).TotalMilliseconds));
        return false;
    }

    private static ResilienceOptions ResilienceOptionsFrom(IServiceProvider services) =>
        services.GetRequiredService<IOptions<PlatformsOptions>>().Value.Resilience;

    private static string Name(Platform platform) => platform.ToString().ToLowerInvariant();

    private static string Describe(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } exception } => exception.GetType().Name,
        { Result: { } response } => $"HTTP {(int)response.StatusCode}",
        _ => "unknown outcome",
    };
}
