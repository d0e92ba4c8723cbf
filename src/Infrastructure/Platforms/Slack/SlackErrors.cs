using Connections.Domain.Connections;

namespace Connections.Infrastructure.Platforms.Slack;

/// <summary>What Slack's <c>{"ok": false, "error": "…"}</c> codes mean for us.</summary>
public static class SlackErrors
{
    /// <summary>Maps a Web API error code (and, for <c>missing_scope</c>, its <c>needed</c> scopes) onto our diagnoses.</summary>
    /// <remarks>
    /// <c>missing_scope</c> names every scope the product needs (<see cref="SlackScopes.Required"/>) and as missing
    /// those Slack said the method needed plus the required ones absent from <c>provided</c>.
    /// </remarks>
    public static PlatformError FromApiError(
        string method, string? error, string? needed = null, string? provided = null, TimeSpan? retryAfter = null) =>
        error switch
        {
            "invalid_auth" or "not_authed" => new PlatformError(
                ConnectionErrorCode.InvalidCredentials,
                $"Slack did not accept the token ({error}). Check that you pasted the whole bot token."),
            "not_allowed_token_type" => new PlatformError(
                ConnectionErrorCode.InvalidCredentials,
                $"Slack does not accept this kind of token for {method} (not_allowed_token_type)."),
            "token_revoked" or "token_expired" or "account_inactive" => new PlatformError(
                ConnectionErrorCode.AuthExpired,
                $"The Slack token no longer works ({error}): it was revoked, expired, or the app was uninstalled. Reinstall the app and paste the new token."),
            "missing_scope" => new PlatformError(
                ConnectionErrorCode.InsufficientPermissions,
                $"The Slack app lacks a scope {method} needs{(string.IsNullOrWhiteSpace(needed) ? "" : $" ({needed})")}.",
                SlackScopes.Required,
                SlackScopes.Missing(SplitScopes(needed), provided is null ? null : SplitScopes(provided))),
            "not_in_channel" => new PlatformError(
                ConnectionErrorCode.InsufficientPermissions,
                "The Slack bot is not a member of that channel; invite it to the channel first.",
                SlackScopes.Required,
                []),
            "channel_not_found" => new PlatformError(
                ConnectionErrorCode.InsufficientPermissions,
                "Slack says the channel does not exist for the bot: it was deleted, or it is private and the bot is not a member.",
                SlackScopes.Required,
                []),
            "ratelimited" => PlatformFailures.RateLimited("Slack", retryAfter),
            "fatal_error" or "internal_error" or "service_unavailable" or "request_timeout" => new PlatformError(
                ConnectionErrorCode.PlatformError,
                $"Slack had an internal problem answering {method} ({error}). Try again later."),
            null or "" => PlatformFailures.Unreadable("Slack", $"{method} failed without an error code"),
            _ => new PlatformError(
                ConnectionErrorCode.PlatformError,
                $"Slack answered {method} with an unexpected error ({Truncate(error)})."),
        };

    /// <summary>Splits a comma-separated scope list (<c>x-oauth-scopes</c>, <c>needed</c>, <c>provided</c>).</summary>
    public static IReadOnlyList<string> SplitScopes(string? scopes) =>
        string.IsNullOrWhiteSpace(scopes)
            ? []
            : scopes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal)
                .ToArray();

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64];
}
