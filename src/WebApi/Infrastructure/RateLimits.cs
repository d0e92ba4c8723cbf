using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// Per-key rate limits with ASP.NET Core's rate limiter: every authenticated request spends from its API key's budget
/// (the global limiter, partitioned by the key id; anonymous routes — health, the OpenAPI document, the Slack webhook —
/// spend nothing), and the operations that spend the platform's quota (<see cref="PlatformQuota"/>: create, validate,
/// <c>channels?refresh=true</c>, sync) also from a tighter budget per connection (per key for a create, which has no
/// connection yet). Both are fixed windows; over either the answer is 429 <c>TOO_MANY_REQUESTS</c> with
/// <c>Retry-After</c>.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy of the operations that call Slack or Discord.</summary>
    public const string PlatformQuota = "platform-quota";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName)
            .Validate(RateLimitOptions.IsValid, "RateLimits:PerKey and RateLimits:PerConnection need a PermitLimit of at least 1 and a Window of more than 0 and at most 1 day.")
            .ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(PerKey);
            o.AddPolicy(PlatformQuota, PerConnection);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerKey(HttpContext context)
    {
        var options = OptionsOf(context);
        var keyId = KeyIdOf(context);
        return options.Enabled && keyId is not null
            ? FixedWindow("key:" + keyId, options.PerKey)
            : RateLimitPartition.GetNoLimiter(string.Empty);
    }

    private static RateLimitPartition<string> PerConnection(HttpContext context)
    {
        var options = OptionsOf(context);
        var refresh = bool.TryParse(context.Request.Query["refresh"], out var r) && r;
        if (!options.Enabled || (HttpMethods.IsGet(context.Request.Method) && !refresh))
        {
            // The stored channel list calls no platform.
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        if (context.Request.RouteValues["id"] is string id)
        {
            return FixedWindow("connection:" + id, options.PerConnection);
        }

        return KeyIdOf(context) is { } keyId
            ? FixedWindow("create:" + keyId, options.PerConnection)
            : RateLimitPartition.GetNoLimiter(string.Empty);
    }

    private static RateLimitPartition<string> FixedWindow(string partition, RateLimitBudget budget) =>
        RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = budget.PermitLimit,
            Window = budget.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : OptionsOf(context).PerKey.Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests.",
            Detail = $"This API key or connection is over its rate limit. Retry after {seconds} s.",
        };
        problem.Extensions["code"] = ProblemCodes.TooManyRequests;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static RateLimitOptions OptionsOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static string? KeyIdOf(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
}
