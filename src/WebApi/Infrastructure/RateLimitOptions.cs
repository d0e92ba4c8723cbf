namespace Connections.WebApi.Infrastructure;

/// <summary>The <c>RateLimits</c> section: the budget of each API key and the tighter one of platform-calling operations.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>False switches every limit off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per window of one API key, on every authenticated route.</summary>
    public RateLimitBudget PerKey { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Create, validate, refresh and sync per connection (a create: per key) and window.</summary>
    public RateLimitBudget PerConnection { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    public static bool IsValid(RateLimitOptions options) =>
        options is not null && options.PerKey.IsValid && options.PerConnection.IsValid;
}

/// <summary>A fixed window: at most <see cref="PermitLimit"/> requests in each <see cref="Window"/>.</summary>
public sealed class RateLimitBudget
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public bool IsValid => PermitLimit >= 1 && Window > TimeSpan.Zero && Window <= TimeSpan.FromDays(1);
}
