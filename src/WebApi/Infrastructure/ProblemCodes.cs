namespace Connections.WebApi.Infrastructure;

/// <summary>Stable codes for the problems the framework itself answers (not a handler's <c>Error</c>).</summary>
public static class ProblemCodes
{
    public const string MalformedJson = "MALFORMED_JSON";
    public const string UnknownProperty = "UNKNOWN_PROPERTY";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string NotAcceptable = "NOT_ACCEPTABLE";
    public const string DatabaseBusy = "DATABASE_BUSY";
    public const string ConcurrentUpdate = "CONCURRENT_UPDATE";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The caller is over its own rate limit (429). Not <c>RATE_LIMITED</c>: that is the platform limiting us (503).</summary>
    public const string TooManyRequests = "TOO_MANY_REQUESTS";

    /// <summary>The code for a bare status the framework produced (routing, content negotiation, auth).</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => ValidationFailed,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        406 => NotAcceptable,
        409 => ConcurrentUpdate,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => TooManyRequests,
        503 => DatabaseBusy,
        >= 500 => InternalError,
        _ => "HTTP_" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
