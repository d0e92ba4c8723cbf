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
        var missing = SlackScopes.Missing(needed: null, granted);
        if (missing.Count > 0)
        {
            return new PlatformError(
                ConnectionErrorCode.InsufficientPermissions,
                $"The Slack app is missing the scope{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}. "
                + "Add them under OAuth & Permissions, reinstall the app to the workspace and paste the new bot token.",
                SlackScopes.Required,
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
    /// (<c>missing_scope</c>'s <c>needed</c>) plus our required ones the token was not granted (per <c>provided</c> and <c>x-oauth-scopes</c>).
    /// </summary>
    private static Error WithRequiredScopes(Error error, IReadOnlyList<string>? granted)
    {
        if (error is not PlatformError { ErrorCode: ConnectionErrorCode.InsufficientPermissions } permissionError)
        {
            return error;
        }

        return new PlatformError(
            ConnectionErrorCode.InsufficientPermissions,
            permissionError.Message,
            SlackScopes.Required,
            SlackScopes.Missing(permissionError.MissingScopes, granted),
            permissionError.RetryAfter);
    }
}
