using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.Platforms;

/// <summary>
/// Rejects a configuration the clients could not work with, at start-up (ValidateOnStart) rather than on the first
/// call. The bounds are also the ones Polly enforces, so a bad value fails here with a readable message.
/// </summary>
public sealed class PlatformsOptionsValidator : IValidateOptions<PlatformsOptions>
{
    private static readonly TimeSpan PollyMinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan PollyMinimumWindow = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, PlatformsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        CheckBaseUrl(failures, "Platforms:Slack:BaseUrl", options.Slack?.BaseUrl);
        CheckBaseUrl(failures, "Platforms:Discord:BaseUrl", options.Discord?.BaseUrl);
        if (options.Slack is { } slack)
        {
            if (slack.PageSize is < 1 or > 1000)
            {
                failures.Add("Platforms:Slack:PageSize must be between 1 and 1000.");
            }

            if (slack.MaxChannels < 1)
            {
                failures.Add("Platforms:Slack:MaxChannels must be positive.");
            }

            if (slack.HistoryPageSize is < 1 or > 999)
            {
                failures.Add("Platforms:Slack:HistoryPageSize must be between 1 and 999.");
            }
        }

        if (options.Discord is { HistoryPageSize: < 1 or > 100 })
        {
            failures.Add("Platforms:Discord:HistoryPageSize must be between 1 and 100.");
        }

        if (options.Resilience is not { } r)
        {
            failures.Add("Platforms:Resilience is required.");
        }
        else
        {
            CheckRange(failures, "TotalTimeout", r.TotalTimeout, PollyMinimumTimeout, OneDay);
            CheckRange(failures, "AttemptTimeout", r.AttemptTimeout, PollyMinimumTimeout, OneDay);
            if (r.AttemptTimeout > r.TotalTimeout)
            {
                failures.Add("Platforms:Resilience:AttemptTimeout must not exceed TotalTimeout.");
            }

            if (r.MaxRetryAttempts is < 0 or > 10)
            {
                failures.Add("Platforms:Resilience:MaxRetryAttempts must be between 0 and 10.");
            }

            CheckRange(failures, "BaseDelay", r.BaseDelay, TimeSpan.Zero, OneDay);
            CheckRange(failures, "MaxDelay", r.MaxDelay, TimeSpan.Zero, OneDay);
            CheckRange(failures, "MaxRetryAfter", r.MaxRetryAfter, TimeSpan.Zero, OneDay);
            if (r.FailureRatio is <= 0 or > 1 || double.IsNaN(r.FailureRatio))
            {
                failures.Add("Platforms:Resilience:FailureRatio must be greater than 0 and at most 1.");
            }

            CheckRange(failures, "SamplingDuration", r.SamplingDuration, PollyMinimumWindow, OneDay);
            CheckRange(failures, "BreakDuration", r.BreakDuration, PollyMinimumWindow, OneDay);
            if (r.MinimumThroughput < 2)
            {
                failures.Add("Platforms:Resilience:MinimumThroughput must be at least 2.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckBaseUrl(List<string> failures, string key, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute http(s) URL.");
        }
        else if (!url.AbsolutePath.EndsWith('/'))
        {
            // Without the trailing slash, relative paths replace the last segment ("api/v10" + "users/@me" → "api/users/@me").
            failures.Add($"{key} must end with a slash.");
        }
    }

    private static void CheckRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"Platforms:Resilience:{key} must be between {min} and {max}.");
        }
    }
}
