using System.Text.RegularExpressions;
using Connections.Domain.Connections;

namespace Connections.Infrastructure.Platforms.Telemetry;

/// <summary>
/// The <c>method</c> tag of a platform call: the Slack Web API method (<c>conversations.history</c>) or the Discord
/// route with every id replaced (<c>channels/{id}/messages</c>). Only fixed lower-case words survive, so no id, query
/// value or anything else a caller put in the URL can become a tag.
/// </summary>
internal static partial class PlatformMethod
{
    public const string Other = "other";
    public const string IdPlaceholder = "{id}";

    private const int MaxSegments = 8;

    /// <summary>The method of a request to <paramref name="platform"/>: the path of <paramref name="requestUri"/> below the client's <paramref name="baseAddress"/>.</summary>
    public static string Of(Platform platform, Uri baseAddress, Uri? requestUri)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (requestUri is null)
        {
            return Other;
        }

        var absolute = requestUri.IsAbsoluteUri ? requestUri : new Uri(baseAddress, requestUri);
        var basePath = baseAddress.AbsolutePath;
        var path = absolute.AbsolutePath;
        if (!path.StartsWith(basePath, StringComparison.Ordinal))
        {
            return Other;
        }

        var relative = path[basePath.Length..].Trim('/');
        return platform == Platform.Slack ? SlackMethod(relative) : DiscordRoute(relative);
    }

    private static string SlackMethod(string relative) => SlackMethodName().IsMatch(relative) ? relative : Other;

    private static string DiscordRoute(string relative)
    {
        var segments = relative.Split('/');
        if (relative.Length == 0 || segments.Length > MaxSegments)
        {
            return Other;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (!DiscordWord().IsMatch(segments[i]))
            {
                segments[i] = IdPlaceholder;
            }
        }

        return string.Join('/', segments);
    }

    /// <summary><c>auth.test</c>, <c>conversations.history</c>, <c>apps.connections.open</c>.</summary>
    [GeneratedRegex(@"\A[a-z]+(\.[a-zA-Z]+)+\z", RegexOptions.CultureInvariant)]
    private static partial Regex SlackMethodName();

    /// <summary>A fixed word of a Discord route (<c>channels</c>, <c>@me</c>, <c>audit-logs</c>); anything else is a value.</summary>
    [GeneratedRegex(@"\A(@me|[a-z][a-z_-]{0,31})\z", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordWord();
}
