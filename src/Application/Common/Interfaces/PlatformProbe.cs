namespace Connections.Application.Common.Interfaces;

/// <summary>The result of a successful credential check: the identity and the channels the bot can read.</summary>
public sealed record PlatformProbe(PlatformIdentity Identity, IReadOnlyList<PlatformChannel> Channels);
