using Connections.FakePlatforms.Hosting;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.FakePlatforms.Slack;

internal enum SlackTokenKind
{
    Bot,
    App,
}

/// <summary>How a token prefix behaves. Defaults describe a valid bot token of the Fake Workspace.</summary>
internal sealed record SlackScenario(string Prefix)
{
    public SlackTokenKind Kind { get; init; } = SlackTokenKind.Bot;

    /// <summary>When set, every method answers HTTP 200 <c>{"ok":false,"error":Error}</c>.</summary>
    public string? Error { get; init; }

    public FaultKind Fault { get; init; }

    public SlackWorkspaceKey Workspace { get; init; }

    /// <summary>What <c>x-oauth-scopes</c> reports.</summary>
    public string Scopes { get; init; } = S.AllScopes;

    /// <summary>The scopes the token really has, when they differ from what <see cref="Scopes"/> claims.</summary>
    public string? GrantedScopes { get; init; }

    public string EffectiveScopes => GrantedScopes ?? Scopes;

    /// <summary>When set, the token is revoked once this many conversations.history/replies calls were answered.</summary>
    public int? RevokeAfterHistoryCalls { get; init; }

    public bool Has(string scope) => EffectiveScopes.Split(',').Contains(scope, StringComparer.Ordinal);
}

internal static class SlackScenarios
{
    private static readonly PrefixTable<SlackScenario> Table = new(
    [
        new(S.Valid),
        new(S.Invalid) { Error = "invalid_auth", Scopes = "" },
        new(S.Revoked) { Error = "token_revoked", Scopes = "" },
        new(S.Expired) { Error = "token_expired", Scopes = "" },
        new(S.Inactive) { Error = "account_inactive", Scopes = "" },
        new(S.WrongTokenType) { Error = "not_allowed_token_type", Scopes = "" },
        new(S.MissingScope) { Scopes = "channels:read" },
        new(S.ListMissingScope) { GrantedScopes = "users:read" },
        new(S.RateLimitedOnce) { Fault = FaultKind.RateLimitedOnce },
        new(S.RateLimited) { Fault = FaultKind.RateLimited },
        new(S.ServerErrorOnce) { Fault = FaultKind.ServerErrorOnce },
        new(S.ServerError) { Fault = FaultKind.ServerError },
        new(S.InternalError) { Error = "internal_error" },
        new(S.FatalError) { Error = "fatal_error" },
        new(S.Garbage) { Fault = FaultKind.Garbage },
        new(S.Slow) { Fault = FaultKind.Slow },
        new(S.ManyChannels) { Workspace = SlackWorkspaceKey.Many },
        new(S.OtherTeam) { Workspace = SlackWorkspaceKey.Other },
        new(S.History) { Workspace = SlackWorkspaceKey.History },
        new(S.Bench) { Workspace = SlackWorkspaceKey.Bench },
        new(S.RevokeAfter2) { RevokeAfterHistoryCalls = FakeHistory.Slack.RevokeAfterCalls },
        new(S.AppValid) { Kind = SlackTokenKind.App, Scopes = "connections:write" },
        new(S.AppInvalid) { Kind = SlackTokenKind.App, Error = "invalid_auth", Scopes = "" },
    ], s => s.Prefix);

    /// <summary>The scenario of the longest known prefix of <paramref name="token"/>, or null (→ invalid_auth).</summary>
    public static SlackScenario? Resolve(string token) => Table.Resolve(token);
}
