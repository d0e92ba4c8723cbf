using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Application.Connections.Common;

/// <summary>Picks the connector for a platform and turns its discovery into the domain's channel records.</summary>
public sealed class PlatformProber(IEnumerable<IPlatformConnector> connectors)
{
    private readonly Dictionary<Platform, IPlatformConnector> _connectors = connectors.ToDictionary(c => c.Platform);

    public Task<Result<PlatformProbe>> ProbeAsync(
        Platform platform,
        PlatformCredentials credentials,
        bool previouslyValid,
        CancellationToken cancellationToken) =>
        _connectors.TryGetValue(platform, out var connector)
            ? connector.ProbeAsync(credentials, previouslyValid, cancellationToken)
            : throw new InvalidOperationException($"No connector is registered for {platform}.");

    public static IReadOnlyCollection<DiscoveredChannel> ToDiscovered(PlatformProbe probe) =>
        probe.Channels.Select(c => new DiscoveredChannel(c.Id, c.Name, c.IsPrivate, c.MemberCount, c.CanReadHistory)).ToList();
}
