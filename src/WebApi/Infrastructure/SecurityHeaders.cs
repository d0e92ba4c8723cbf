namespace Connections.WebApi.Infrastructure;

/// <summary>
/// Headers every response carries: no MIME sniffing (a JSON body is never run as a script), no referrer leaking our
/// URLs (they hold connection ids) to other sites, and no caching of anything under <c>/api</c> or <c>/sfp</c>, which
/// carries account data, by browsers or shared proxies.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (CarriesAccountData(http.Request.Path))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });

    private static bool CarriesAccountData(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/sfp", StringComparison.OrdinalIgnoreCase);
}
