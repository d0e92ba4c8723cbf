using Microsoft.AspNetCore.Http.Features;

namespace Connections.WebApi.Infrastructure;

/// <summary>Bodies are small JSON documents: anything over 64 KB is refused with 413 before it is read.</summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 64 * 1024;

    public const string TooLargeMessage = "The request body exceeds 64 KB.";

    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxBodyBytes)
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
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            await next(context);
        });
}
