using System.Collections.Concurrent;
using Connections.FakePlatforms;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Canary secrets: every token and signing secret the suite sends is made here and remembered, so each test can
/// check afterwards that none of them appears in a response, a log line or the database file.
/// </summary>
public static class Secrets
{
    private static readonly ConcurrentDictionary<string, byte> Planted = new();

    public static IReadOnlyCollection<string> All => (IReadOnlyCollection<string>)Planted.Keys;

    /// <summary>A unique fake-platform token with the scenario of <paramref name="prefix"/>, registered as a canary.</summary>
    public static string Token(string prefix) => Plant(FakeTokens.Unique(prefix));

    /// <summary>A Slack signing secret (32 hex characters), registered as a canary.</summary>
    public static string SigningSecret() => Plant(Guid.NewGuid().ToString("N"));

    public static string Plant(string secret)
    {
        Planted.TryAdd(secret, 0);
        return secret;
    }

    /// <summary>The planted secrets found in <paramref name="texts"/>, with where they were seen.</summary>
    public static IReadOnlyList<string> FindIn(IEnumerable<string> texts, string where)
    {
        var found = new List<string>();
        foreach (var text in texts)
        {
            foreach (var secret in Planted.Keys)
            {
                if (text.Contains(secret, StringComparison.Ordinal))
                {
                    found.Add($"{where}: {secret[..Math.Min(12, secret.Length)]}… in: {text[..Math.Min(300, text.Length)]}");
                }
            }
        }

        return found;
    }
}
