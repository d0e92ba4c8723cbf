using System.Diagnostics;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using MediatR;
using Microsoft.Extensions.Logging;

namespace Connections.Application.Common.Behaviors;

/// <summary>
/// Logs each request's type, caller and outcome (success or the error code) with its duration. Never the body:
/// request bodies carry tokens and secrets.
/// </summary>
public sealed partial class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var name = typeof(TRequest).Name;
        var caller = currentUser.Email ?? "(system)";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response is Result { IsFailure: true } failed)
            {
                LogFailed(name, caller, failed.Error.Code, elapsed);
            }
            else
            {
                LogSucceeded(name, caller, elapsed);
            }

            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCrashed(name, caller, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} by {Caller} succeeded in {ElapsedMs:0.0} ms")]
    private partial void LogSucceeded(string request, string caller, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} by {Caller} failed with {ErrorCode} in {ElapsedMs:0.0} ms")]
    private partial void LogFailed(string request, string caller, string errorCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} by {Caller} threw {ExceptionType} after {ElapsedMs:0.0} ms")]
    private partial void LogCrashed(string request, string caller, string exceptionType, double elapsedMs);
}
