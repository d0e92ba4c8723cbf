using Microsoft.Extensions.Options;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// Where the service is reached from outside (<c>Http:PublicBaseUrl</c>, e.g. <c>https://connections.example.com</c>).
/// Unset, the <c>Location</c> and <c>Link</c> headers are relative references, which clients resolve against the URL
/// they called; they are never built from the request's <c>Host</c> header, which any caller can forge.
/// </summary>
public sealed class PublicUrlOptions
{
    public const string SectionName = "Http";

    public Uri? PublicBaseUrl { get; set; }

    public static bool IsValid(PublicUrlOptions options) =>
        options?.PublicBaseUrl is not { } url
        || (url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment) && string.IsNullOrEmpty(url.UserInfo));
}

/// <summary>Turns a path the router generated into the URL a response header carries.</summary>
public static class PublicUrls
{
    public static string For(HttpContext context, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var baseUrl = context.RequestServices.GetRequiredService<IOptions<PublicUrlOptions>>().Value.PublicBaseUrl;
        return baseUrl is null ? pathAndQuery : baseUrl.AbsoluteUri.TrimEnd('/') + pathAndQuery;
    }
}
