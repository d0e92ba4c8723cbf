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
    ], s => s.Prefix);

    /// <summary>The scenario of the longest known prefix of <paramref name="token"/>, or null (→ 401).</summary>
    public static DiscordScenario? Resolve(string token) => Table.Resolve(token);
}
