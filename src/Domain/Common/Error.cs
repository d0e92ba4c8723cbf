namespace Connections.Domain.Common;

/// <summary>How an error is classified; the web layer maps each kind onto one HTTP status.</summary>
public enum ErrorType
{
    /// <summary>The request is malformed or breaks a rule (400).</summary>
    Validation,
    /// <summary>The resource does not exist for this caller (404).</summary>
    NotFound,
    /// <summary>The request conflicts with current state (409).</summary>
    Conflict,
    /// <summary>The caller may not do this (403).</summary>
    Forbidden,
    /// <summary>The caller is not authenticated (401).</summary>
    Unauthorized,
    /// <summary>Well-formed, but the platform rejected what it carries, e.g. credentials (422).</summary>
    Unprocessable,
    /// <summary>A precondition such as an ETag did not hold (412).</summary>
    PreconditionFailed,
    /// <summary>An upstream platform failed or could not be reached (502).</summary>
    Upstream,
    /// <summary>Temporarily unavailable: rate limited upstream or a busy database (503).</summary>
    Unavailable,
}

/// <summary>
/// An expected business failure. <see cref="Code"/> is stable and machine-readable (it is what API clients switch on);
/// <see cref="Message"/> is for humans and must never carry a secret.
/// </summary>
public record Error(string Code, string Message, ErrorType Type)
{
    public static Error NotFound(string code, string message) => new(code, message, ErrorType.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorType.Conflict);

    public static Error Forbidden(string code, string message) => new(code, message, ErrorType.Forbidden);

    public static Error Validation(string code, string message) => new(code, message, ErrorType.Validation);

    public static Error PreconditionFailed(string code, string message) => new(code, message, ErrorType.PreconditionFailed);
}

/// <summary>A validation failure with messages keyed by the JSON path the client sent (e.g. <c>credentials.bot_token</c>).</summary>
public sealed record ValidationError(IReadOnlyDictionary<string, string[]> Errors)
    : Error("VALIDATION_FAILED", "One or more fields are invalid.", ErrorType.Validation)
{
    public static ValidationError For(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });

    /// <summary>A field-level failure with its own stable code (e.g. a token the platform rejected), still keyed by field.</summary>
    public static ValidationError For(string field, string message, string code) =>
        For(field, message) with { Code = code, Message = message };
}
