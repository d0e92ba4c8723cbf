namespace Connections.Domain.Connections;

/// <summary>
/// The six diagnoses of a credential check. Wire names are SCREAMING_SNAKE_CASE (<c>INVALID_CREDENTIALS</c>, …).
/// </summary>
public enum ConnectionErrorCode
{
    /// <summary>The token is malformed, unknown or of the wrong type.</summary>
    InvalidCredentials = 1,
    /// <summary>The token was valid once and has been revoked, expired or deactivated.</summary>
    AuthExpired = 2,
    /// <summary>The platform rate-limited us and waiting longer would exceed the time budget.</summary>
    RateLimited = 3,
    /// <summary>The token works but lacks scopes, intents, guild membership or channel permissions.</summary>
    InsufficientPermissions = 4,
    /// <summary>The platform could not be reached: DNS, refused connection, TLS failure or timeout.</summary>
    NetworkError = 5,
    /// <summary>The platform failed: 5xx, an internal error, or an answer we cannot understand.</summary>
    PlatformError = 6,
}

public static class ConnectionErrorCodeExtensions
{
    /// <summary>The stable wire name, e.g. <c>INSUFFICIENT_PERMISSIONS</c>.</summary>
    public static string ToWireName(this ConnectionErrorCode code) => code switch
    {
        ConnectionErrorCode.InvalidCredentials => "INVALID_CREDENTIALS",
        ConnectionErrorCode.AuthExpired => "AUTH_EXPIRED",
        ConnectionErrorCode.RateLimited => "RATE_LIMITED",
        ConnectionErrorCode.InsufficientPermissions => "INSUFFICIENT_PERMISSIONS",
        ConnectionErrorCode.NetworkError => "NETWORK_ERROR",
        ConnectionErrorCode.PlatformError => "PLATFORM_ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown connection error code."),
    };

    /// <summary>
    /// Credential-class failures describe the credentials themselves and change the connection's status;
    /// transient ones (network, rate limit, platform outage) say nothing about the credentials.
    /// </summary>
    public static bool IsCredentialFailure(this ConnectionErrorCode code) =>
        code is ConnectionErrorCode.InvalidCredentials
            or ConnectionErrorCode.AuthExpired
            or ConnectionErrorCode.InsufficientPermissions;
}
