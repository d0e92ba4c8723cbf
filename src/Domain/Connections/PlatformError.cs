using Connections.Domain.Common;

namespace Connections.Domain.Connections;

/// <summary>
/// A failure reported by (or on the way to) a chat platform, diagnosed as one of the six <see cref="ConnectionErrorCode"/>s.
/// Credential failures are 422 (the request was fine, the credentials are not), a rate limit is 503, the rest 502.
/// </summary>
public sealed record PlatformError : Error
{
    public PlatformError(
        ConnectionErrorCode errorCode,
        string message,
        IReadOnlyList<string>? requiredScopes = null,
        IReadOnlyList<string>? missingScopes = null,
        TimeSpan? retryAfter = null)
        : base(errorCode.ToWireName(), message, TypeOf(errorCode))
    {
        ErrorCode = errorCode;
        RequiredScopes = requiredScopes;
        MissingScopes = missingScopes;
        RetryAfter = retryAfter;
    }

    public ConnectionErrorCode ErrorCode { get; }

    /// <summary>Every scope the product needs, when the failure is about permissions.</summary>
    public IReadOnlyList<string>? RequiredScopes { get; }

    /// <summary>The needed scopes the credentials lack, when known.</summary>
    public IReadOnlyList<string>? MissingScopes { get; }

    /// <summary>How long the platform asked us to wait, for rate limits.</summary>
    public TimeSpan? RetryAfter { get; }

    private static ErrorType TypeOf(ConnectionErrorCode code) => code switch
    {
        _ when code.IsCredentialFailure() => ErrorType.Unprocessable,
        ConnectionErrorCode.RateLimited => ErrorType.Unavailable,
        _ => ErrorType.Upstream,
    };
}
