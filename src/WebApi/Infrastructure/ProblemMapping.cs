using System.Globalization;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.AspNetCore.Mvc;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// The one place where expected failures become HTTP: each <see cref="ErrorType"/> has one status, every body is an
/// RFC 9457 problem with a stable machine-readable <c>code</c>.
/// </summary>
public static class ProblemMapping
{
    public static int StatusOf(ErrorType type) => type switch
    {
        ErrorType.Validation => StatusCodes.Status400BadRequest,
        ErrorType.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorType.Forbidden => StatusCodes.Status403Forbidden,
        ErrorType.NotFound => StatusCodes.Status404NotFound,
        ErrorType.Conflict => StatusCodes.Status409Conflict,
        ErrorType.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorType.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        ErrorType.Upstream => StatusCodes.Status502BadGateway,
        ErrorType.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemDetails ToProblemDetails(Error error, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(context);
        var status = StatusOf(error.Type);
        ProblemDetails problem = error is ValidationError validation
            ? new ValidationProblemDetails(validation.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
            {
                Title = "One or more fields are invalid.",
            }
            : new ProblemDetails { Title = TitleOf(error.Type) };
        problem.Status = status;
        problem.Detail = error.Message;
        problem.Extensions["code"] = error.Code;
        Enrich(problem, context);

        if (error is PlatformError platform)
        {
            if (platform.RequiredScopes is not null)
            {
                problem.Extensions["required_scopes"] = platform.RequiredScopes;
            }

            if (platform.MissingScopes is not null)
            {
                problem.Extensions["missing_scopes"] = platform.MissingScopes;
            }

            if (platform.RetryAfter is { } wait)
            {
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                problem.Extensions["retry_after"] = seconds;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }
        }

        return problem;
    }

    public static ObjectResult ToActionResult(Error error, HttpContext context)
    {
        var problem = ToProblemDetails(error, context);
        return new ObjectResult(problem)
        {
            StatusCode = problem.Status,
            ContentTypes = { "application/problem+json" },
        };
    }

    /// <summary>What every problem carries besides its code: the request path and the trace id to quote in a report.</summary>
    public static void Enrich(ProblemDetails problem, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(context);
        problem.Type ??= "about:blank";
        problem.Instance ??= context.Request.Path;
        problem.Extensions.Remove("traceId");
        problem.Extensions["trace_id"] = Telemetry.TraceIdOf(context);
    }

    private static string TitleOf(ErrorType type) => type switch
    {
        ErrorType.NotFound => "Not found.",
        ErrorType.Conflict => "Conflict.",
        ErrorType.Forbidden => "Forbidden.",
        ErrorType.Unauthorized => "Unauthorized.",
        ErrorType.PreconditionFailed => "Precondition failed.",
        ErrorType.Unprocessable => "The platform rejected the credentials.",
        ErrorType.Upstream => "The platform failed or could not be reached.",
        ErrorType.Unavailable => "Temporarily unavailable; retry later.",
        _ => "Bad request.",
    };
}
