using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Infrastructure.Platforms.Slack;

/// <summary>
/// Checks a Slack bot token: <c>auth.test</c> (identity, and scopes from <c>x-oauth-scopes</c>), the required scopes,
/// then <c>conversations.list</c> over every page.
/// </summary>
public sealed class SlackConnector : IPlatformConnector
{
    /// <summary>The scopes the product needs from a Slack bot token.</summary>
    public static readonly IReadOnlyList<string> RequiredScopes = ["channels:history", "channels:read", "users:read"];

    private readonly SlackClient _client;

    public SlackConnector(SlackClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    public Platform Platform => Platform.Slack;

    public async Task<Result<PlatformProbe>> ProbeAsync(PlatformCredentials credentials, bool previouslyValid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);

        var authTest = await _client.AuthTestAsync(credentials.BotToken, cancellationToken);
        if (authTest.IsFailure)
        {
            return WithRequiredScopes(authTest.Error, granted: null);
        }

        var granted = authTest.Value.Scopes ?? [];
        var missing = RequiredScopes.Except(granted, StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            return new PlatformError(
                ConnectionErrorCode.InsufficientPermissions,
                $"The Slack app is missing the scope{(missing.Length == 1 ? "" : "s")} {string.Join(", ", missing)}. "
                + "Add them under OAuth & Permissions, reinstall the app to the workspace and paste the new bot token.",
                RequiredScopes,
                missing);
        }

        var conversations = await _client.ListConversationsAsync(credentials.BotToken, cancellationToken);
        if (conversations.IsFailure)
        {
            return WithRequiredScopes(conversations.Error, granted);
        }

        var identity = authTest.Value.Identity;
        var channels = conversations.Value
            .Select(c => new PlatformChannel(c.Id, "#" + (string.IsNullOrEmpty(c.Name) ? c.Id : c.Name), c.IsPrivate, c.NumMembers))
            .ToArray();
        return new PlatformProbe(
            new PlatformIdentity(identity.TeamId!, identity.Team, identity.UserId!, identity.User, identity.AppId, granted),
            channels);
    }

    /// <summary>
    /// A permission failure always names every scope we need and the ones missing: those Slack said it needed
    /// (<c>missing_scope</c>'s <c>needed</c>) plus our required ones the token was not granted.
    /// </summary>
    private static Error WithRequiredScopes(Error error, IReadOnlyList<string>? granted)
    {
        if (error is not PlatformError { ErrorCode: ConnectionErrorCode.InsufficientPermissions } permissionError)
        {
            return error;
        }

        var missing = (permissionError.MissingScopes ?? [])
            .Concat(granted is null ? [] : RequiredScopes.Except(granted, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return new PlatformError(
            ConnectionErrorCode.InsufficientPermissions,
            permissionError.Message,
            RequiredScopes,
            missing,
            permissionError.RetryAfter);
    }
}
