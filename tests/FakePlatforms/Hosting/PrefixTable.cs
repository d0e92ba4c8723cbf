namespace Connections.FakePlatforms.Hosting;

/// <summary>Finds the scenario whose prefix is the longest one a token starts with.</summary>
internal sealed class PrefixTable<T>(IEnumerable<T> scenarios, Func<T, string> prefixOf)
    where T : class
{
    private readonly (string Prefix, T Scenario)[] _longestFirst =
        [.. scenarios.Select(s => (prefixOf(s), s)).OrderByDescending(p => p.Item1.Length)];

    public T? Resolve(string token) =>
        _longestFirst.FirstOrDefault(p => token.StartsWith(p.Prefix, StringComparison.Ordinal)).Scenario;
}
