using System.Collections.Concurrent;

namespace Connections.FakePlatforms.Hosting;

/// <summary>The mutable part of the fake: request log, revoked tokens and spent "once" faults. Thread-safe.</summary>
public sealed class FakePlatformState
{
    private readonly Lock _gate = new();
    private readonly List<FakeRequest> _requests = [];
    private readonly ConcurrentDictionary<(FakePlatform, string), bool> _revoked = new();
    private readonly ConcurrentDictionary<(FakePlatform, string), bool> _onceSpent = new();
    private readonly ConcurrentDictionary<(FakePlatform, string, string), int> _counters = new();

    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public void Record(FakeRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    public void Revoke(FakePlatform platform, string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _revoked[(platform, token)] = true;
    }

    public bool IsRevoked(FakePlatform platform, string token) => _revoked.ContainsKey((platform, token));

    /// <summary>True exactly once per platform and full token: the first caller gets the "once" fault.</summary>
    public bool TryConsumeOnce(FakePlatform platform, string token) => _onceSpent.TryAdd((platform, token), true);

    /// <summary>Counts one more <paramref name="what"/> for this platform and full token; returns the new count.</summary>
    public int Increment(FakePlatform platform, string token, string what) =>
        _counters.AddOrUpdate((platform, token, what), 1, (_, count) => count + 1);

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
        }

        _revoked.Clear();
        _onceSpent.Clear();
        _counters.Clear();
    }
}
