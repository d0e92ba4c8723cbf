namespace Connections.Application.Common.Interfaces;

/// <summary>
/// Per-connection leases so that several instances on one database never sync the same connection at once. A lease
/// expires, so a crashed instance's connection is picked up by another after <c>ttl</c>.
/// </summary>
public interface ISyncLeases
{
    /// <summary>Claims the lease atomically when it is free or expired (or already ours).</summary>
    Task<bool> TryAcquireAsync(string connectionId, string owner, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Extends a lease we hold; false when we lost it.</summary>
    Task<bool> RenewAsync(string connectionId, string owner, TimeSpan ttl, CancellationToken cancellationToken);

    Task ReleaseAsync(string connectionId, string owner, CancellationToken cancellationToken);
}
