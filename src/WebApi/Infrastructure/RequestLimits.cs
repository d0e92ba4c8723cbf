using Microsoft.AspNetCore.Http.Features;

namespace Connections.WebApi.Infrastructure;

/// <summary>Bodies are small JSON documents: anything over 64 KB is refused with 413 before it is read.</summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Platform deliveries (Slack events with attachments or blocks) may be larger than API requests.</summary>
    public const long MaxWebhookBodyBytes = 1024 * 1024;

    /// <summary>
    /// Kestrel's request-line limit (8 KB by default) raised so that an over-long query string reaches the application
    /// and gets a 400 problem naming the parameter from its validator (every free-text parameter has a documented
    /// bound far below this). Past it Kestrel itself answers 414 with an empty body: the framework has no hook there.
    /// </summary>
    public const int MaxRequestLineBytes = 64 * 1024;

    public const string TooLargeMessage = "The request body exceeds the size limit (64 KB; 1 MB for webhooks).";

    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var max = context.Request.Path.StartsWithSegments("/api/webhooks", StringComparison.Ordinal) ? MaxWebhookBodyBytes : MaxBodyBytes;
            if (context.Request.ContentLength > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = 413, Detail = TooLargeMessage, Extensions = { ["code"] = ProblemCodes.PayloadTooLarge } },
                });
                return;
            }

            // Chunked bodies have no length up front: the server stops reading at the limit (BadHttpRequestException 413).
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }

            await next(context);
        });
}
