using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.WebApi.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Connections.WebApi.Idempotency;

/// <summary>
/// Stripe's idempotency semantics for one action. Without the header nothing changes. With it, the request (method,
/// path and query, exact body bytes) is hashed and the caller's key claimed in the shared store before model binding:
/// the first request executes and its response is kept for 24 h; a retry of the same request gets that response again
/// with <c>Idempotent-Replayed: true</c>; a retry while the first still runs gets 409; the key with another request
/// 422. Only deterministic answers are kept — 2xx and 4xx except 401, 403, 408 and 429; anything else (5xx, 503 rate
/// limits) releases the key so that a retry executes.
/// </summary>
public sealed partial class IdempotencyFilter(IIdempotencyStore store, ILogger<IdempotencyFilter> logger) : IAsyncResourceFilter
{
    public const string HeaderName = "Idempotency-Key";

    public const string ReplayedHeaderName = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    /// <summary>The response headers a replay repeats (the rest are the pipeline's own: security headers, trace…).</summary>
    internal static readonly string[] ReplayedHeaders = ["Location", "Content-Type", "ETag", "Link"];

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        // An empty header counts as none, as an empty If-Match does: generated clients send one for an unset parameter.
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values) || values.All(string.IsNullOrEmpty))
        {
            await next();
            return;
        }

        if (values.Count != 1 || !IsValidKey(values[0]))
        {
            context.Result = Problem(http, new ValidationError(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [HeaderName] = [$"The {HeaderName} header must be one value of 1 to {MaxKeyLength} printable ASCII characters."],
            }) with { Code = IdempotencyCodes.InvalidKey, Message = $"The {HeaderName} header is malformed." });
            return;
        }

        var caller = http.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("Idempotent actions need an authenticated caller.");
        var key = values[0]!;
        var hash = await HashAsync(http.Request, http.RequestAborted);

        var claim = await store.TryClaimAsync(caller, key, hash, http.RequestAborted);
        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Mismatch:
                context.Result = Problem(http, new Error(
                    IdempotencyCodes.KeyReused,
                    $"This {HeaderName} was already used with a different request (method, path or body); use a new key.",
                    ErrorType.Unprocessable), "Idempotency key reused.");
                return;
            case IdempotencyOutcome.InProgress:
                http.Response.Headers.RetryAfter = "1";
                context.Result = Problem(http, new Error(
                    IdempotencyCodes.RequestInProgress,
                    $"A request with this {HeaderName} is still being processed; retry shortly to get its response.",
                    ErrorType.Conflict));
                return;
            case IdempotencyOutcome.Completed:
                Log.Replayed(logger, claim.Response!.StatusCode);
                context.Result = new ReplayResult(claim.Response);
                return;
        }

        await ExecuteAndStoreAsync(context, next, caller, key);
    }

    private async Task ExecuteAndStoreAsync(ResourceExecutingContext context, ResourceExecutionDelegate next, string caller, string key)
    {
        var response = context.HttpContext.Response;
        var original = response.Body;
        await using var captured = new MemoryStream();
        response.Body = captured;
        ResourceExecutedContext executed;
        try
        {
            executed = await next();
        }
        catch
        {
            await store.ReleaseAsync(caller, key, CancellationToken.None);
            throw;
        }
        finally
        {
            response.Body = original;
        }

        var body = captured.ToArray();
        // Kept or not is decided before the bytes go out, so a retry never runs while this response is being written.
        var handled = executed.Exception is null || executed.ExceptionHandled;
        try
        {
            if (handled && IsKept(response.StatusCode))
            {
                var headers = ReplayedHeaders
                    .Where(h => response.Headers.ContainsKey(h))
                    .ToDictionary(h => h, h => response.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase);
                await store.CompleteAsync(caller, key, new StoredResponse(response.StatusCode, headers, body), CancellationToken.None);
            }
            else
            {
                await store.ReleaseAsync(caller, key, CancellationToken.None);
            }
        }
        catch (Exception e) when (handled)
        {
            // The action has executed: its response goes out regardless. The claim expires after the lease.
            Log.NotStored(logger, e);
        }

        await original.WriteAsync(body, context.HttpContext.RequestAborted);
    }

    /// <summary>1–255 printable ASCII characters (Stripe allows up to 255).</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.All(c => c is >= ' ' and <= '~');

    /// <summary>Stored and replayed: successes and deterministic client errors. Not: auth, timeouts, rate limits, 5xx.</summary>
    public static bool IsKept(int status) =>
        status is >= 200 and < 300 || (status is >= 400 and < 500 and not (401 or 403 or 408 or 429));

    /// <summary>SHA-256 of the method, the path with its query and the exact body bytes (at most 64 KB, buffered).</summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static ObjectResult Problem(HttpContext context, Error error, string? title = null)
    {
        var result = ProblemMapping.ToActionResult(error, context);
        if (title is not null && result.Value is ProblemDetails problem)
        {
            problem.Title = title;
        }

        return result;
    }

    /// <summary>The stored response, byte for byte, marked as a replay.</summary>
    private sealed class ReplayResult(StoredResponse stored) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = stored.StatusCode;
            foreach (var (name, value) in stored.Headers)
            {
                response.Headers[name] = value;
            }

            response.Headers[ReplayedHeaderName] = "true";
            response.ContentLength = stored.Body.Length;
            await response.Body.WriteAsync(stored.Body, context.HttpContext.RequestAborted);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Idempotent request replayed the stored {Status} response")]
        public static partial void Replayed(ILogger logger, int status);

        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "The idempotent response could not be stored; its key stays claimed until the lease ends")]
        public static partial void NotStored(ILogger logger, Exception exception);
    }
}
