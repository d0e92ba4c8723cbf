using System.Diagnostics;
using OpenTelemetry;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// Runs on every span before any exporter and removes what could carry a secret or message text, whatever an
/// instrumentation's defaults are: database statement text (EF parameterizes values, but the statement is dropped
/// anyway, to be conservative), query parameters, connection strings (Npgsql tags every span with its data source's), and URL query strings (incoming API queries such
/// as <c>q=</c> are message search text; outgoing Slack/Discord URLs hold only ids, tokens travel in headers).
/// </summary>
internal sealed class RedactingActivityProcessor : BaseProcessor<Activity>
{
    private static readonly HashSet<string> Removed = new(StringComparer.Ordinal)
    {
        "db.statement", "db.query.text", "db.connection_string", "db.npgsql.data_source", "url.query", "http.target", "http.url",
    };

    private const string ParameterPrefix = "db.query.parameter.";

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        List<string>? remove = null;
        string? fullUrl = null;
        foreach (var (key, value) in data.TagObjects)
        {
            if (Removed.Contains(key) || key.StartsWith(ParameterPrefix, StringComparison.Ordinal))
            {
                (remove ??= []).Add(key);
            }
            else if (key == "url.full" && value is string url && url.Contains('?', StringComparison.Ordinal))
            {
                fullUrl = url;
            }
        }

        foreach (var key in remove ?? [])
        {
            data.SetTag(key, null);
        }

        if (fullUrl is not null)
        {
            data.SetTag("url.full", WithoutQuery(fullUrl));
        }
    }

    /// <summary>The URL up to its query (and fragment).</summary>
    public static string WithoutQuery(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }
}
