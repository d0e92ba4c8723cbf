using Connections.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// Turns exceptions into problems: a busy database is 503 with <c>Retry-After</c>, a lost concurrent-write race 409,
/// an oversized or broken request its own 4xx, and anything else a 500 that says nothing about the internals. Only
/// the exception type is logged for the expected cases; the full exception for bugs (our messages never carry secrets).
/// </summary>
internal sealed partial class ExceptionProblemHandler(IProblemDetailsService problems, ILogger<ExceptionProblemHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody reads an answer, and it is not a server error.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var (status, code, detail) = Classify(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        if (status >= 500 && code == ProblemCodes.InternalError)
        {
            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            LogHandled(exception.GetType().Name, status, code);
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail, Extensions = { ["code"] = code } };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static (int Status, string Code, string Detail) Classify(Exception exception)
    {
        if (exception is BadHttpRequestException bad)
        {
            return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? (413, ProblemCodes.PayloadTooLarge, RequestLimits.TooLargeMessage)
                : (bad.StatusCode, ProblemCodes.ForStatus(bad.StatusCode), "The request could not be read.");
        }

        return DatabaseErrors.Classify(exception) switch
        {
            DatabaseFailure.Busy => (503, ProblemCodes.DatabaseBusy, "The database is busy; retry shortly."),
            DatabaseFailure.ConcurrentUpdate => (409, ProblemCodes.ConcurrentUpdate, "The resource was changed by another request; read it again and retry."),
            DatabaseFailure.UniqueViolation => (409, ProblemCodes.ConcurrentUpdate, "A concurrent request created a conflicting resource; read again and retry."),
            _ => (500, ProblemCodes.InternalError, "An unexpected error occurred. It has been logged; quote the trace_id when reporting it."),
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private partial void LogUnhandled(Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ExceptionType} answered as {Status} {Code}")]
    private partial void LogHandled(string exceptionType, int status, string code);
}
