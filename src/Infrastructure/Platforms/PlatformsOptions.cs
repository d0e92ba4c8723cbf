using Connections.Infrastructure.Platforms.Resilience;

namespace Connections.Infrastructure.Platforms;

/// <summary>Where the platforms live and how we call them; bound from the <c>Platforms</c> configuration section.</summary>
public sealed class PlatformsOptions
{
    public const string SectionName = "Platforms";

    /// <summary><c>Platforms:Slack</c>.</summary>
    public SlackOptions Slack { get; set; } = new();

    /// <summary><c>Platforms:Discord</c>.</summary>
    public DiscordOptions Discord { get; set; } = new();

    /// <summary><c>Platforms:Resilience</c>: timeouts, retries and the circuit breaker, shared by both platforms.</summary>
    public ResilienceOptions Resilience { get; set; } = new();
}

/// <summary><c>Platforms:Slack</c>.</summary>
public sealed class SlackOptions
{
    /// <summary>The Web API root, ending in a slash; method names are appended (<c>auth.test</c>).</summary>
    public Uri BaseUrl { get; set; } = new("https://slack.com/api/");

    /// <summary>Page size for <c>conversations.list</c> (Slack recommends at most 200).</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>The most channels we collect from one workspace; a guard against endless paging.</summary>
    public int MaxChannels { get; set; } = 10_000;

    /// <summary>
    /// <c>Platforms:Slack:HistoryPageSize</c>: the <c>limit</c> of <c>conversations.history</c> and
    /// <c>conversations.replies</c> (Slack allows up to 999 for history and recommends at most 200).
    /// </summary>
    public int HistoryPageSize { get; set; } = 200;
}

/// <summary><c>Platforms:Discord</c>.</summary>
public sealed class DiscordOptions
{
    /// <summary>The REST API root, ending in a slash (<c>https://discord.com/api/v10/</c>).</summary>
    public Uri BaseUrl { get; set; } = new("https://discord.com/api/v10/");

    /// <summary><c>Platforms:Discord:HistoryPageSize</c>: the <c>limit</c> of <c>GET channels/{id}/messages</c> (1–100).</summary>
    public int HistoryPageSize { get; set; } = 100;
}
