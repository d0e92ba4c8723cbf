using Connections.FakePlatforms.Hosting;
using D = Connections.FakePlatforms.FakeTokens.Discord;

namespace Connections.FakePlatforms.Discord;

/// <summary>How a token prefix behaves. Defaults describe a valid bot token.</summary>
internal sealed record DiscordScenario(string Prefix)
{
    /// <summary>False: every authenticated route answers 401.</summary>
    public bool Valid { get; init; } = true;

    public FaultKind Fault { get; init; }

    public long ApplicationFlags { get; init; } = D.ValidApplicationFlags;

    /// <summary>When set, the token answers 401 once this many <c>channels/{id}/messages</c> calls were answered.</summary>
    public int? RevokeAfterMessageCalls { get; init; }

    /// <summary>Without a MESSAGE_CONTENT intent bit, message <c>content</c> arrives empty.</summary>
    public bool HasMessageContent => (ApplicationFlags & ((1L << 18) | (1L << 19))) != 0;
}

internal static class DiscordScenarios
{
    private static readonly PrefixTable<DiscordScenario> Table = new(
    [
        new(D.Valid),
        new(D.Invalid) { Valid = false },
        new(D.RateLimitedOnce) { Fault = FaultKind.RateLimitedOnce },
        new(D.RateLimited) { Fault = FaultKind.RateLimited },
        new(D.ServerErrorOnce) { Fault = FaultKind.ServerErrorOnce },
        new(D.ServerError) { Fault = FaultKind.ServerError },
        new(D.Slow) { Fault = FaultKind.Slow },
        new(D.NoMessageContent) { ApplicationFlags = D.NoMessageContentApplicationFlags },
        new(D.RevokeAfter2) { RevokeAfterMessageCalls = FakeHistory.Discord.RevokeAfterCalls },
        new(D.Bench),
    ], s => s.Prefix);

    /// <summary>The scenario of the longest known prefix of <paramref name="token"/>, or null (→ 401).</summary>
    public static DiscordScenario? Resolve(string token) => Table.Resolve(token);
}
