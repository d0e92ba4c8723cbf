using Connections.Application.Connections.Common;
using Microsoft.Net.Http.Headers;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// The HTTP face of a connection's concurrency version: the <c>ETag</c> it is sent as (a strong tag, the version's
/// 32 hex digits in quotes) and the <see cref="VersionCondition"/> an <c>If-Match</c> header asks for.
/// </summary>
public static class ConnectionETags
{
    /// <summary>The quoted strong entity tag of <paramref name="version"/>.</summary>
    public static string For(Guid version) => $"\"{version:N}\"";

    /// <summary>
    /// The request's <c>If-Match</c> as a condition; null without the header. An empty header carries no condition
    /// (generated clients send one for an omitted optional header), so it counts as absent. <c>If-Match</c> compares
    /// strongly (RFC 9110 §13.1.1): a weak tag, or one this service never issued, matches no version.
    /// </summary>
    public static VersionCondition? IfMatch(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(HeaderNames.IfMatch, out var values) || values.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        var tags = request.GetTypedHeaders().IfMatch;
        var versions = new List<Guid>();
        foreach (var tag in tags.Where(t => !t.IsWeak && !t.Equals(EntityTagHeaderValue.Any)))
        {
            var text = tag.Tag.AsSpan().Trim('"');
            if (Guid.TryParseExact(text, "N", out var version))
            {
                versions.Add(version);
            }
        }

        return new VersionCondition(tags.Any(t => t.Equals(EntityTagHeaderValue.Any)), versions);
    }
}
