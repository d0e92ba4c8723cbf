namespace Connections.Infrastructure.Platforms.Slack;

/// <summary>The Slack bot scopes the product needs.</summary>
public static class SlackScopes
{
    public const string ChannelsHistory = "channels:history";
    public const string ChannelsRead = "channels:read";
    public const string UsersRead = "users:read";

    /// <summary>Every scope the product needs from a Slack bot token.</summary>
    public static readonly IReadOnlyList<string> Required = [ChannelsHistory, ChannelsRead, UsersRead];

    /// <summary>
    /// The scopes missing for a call: those named as needed, plus every required scope not among
    /// <paramref name="granted"/> (when the granted scopes are known). Ordered, without duplicates.
    /// </summary>
    public static IReadOnlyList<string> Missing(IEnumerable<string>? needed, IReadOnlyCollection<string>? granted) =>
        (needed ?? [])
            .Concat(granted is null ? [] : Required.Where(s => !granted.Contains(s, StringComparer.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
