namespace Connections.Application.Connections.Common;

/// <summary>
/// A write's precondition on the connection's version (what an <c>If-Match</c> header asks): any version, or one of
/// <see cref="Versions"/>. The web layer turns entity tags into versions; a tag it cannot read is simply not listed,
/// so it never matches.
/// </summary>
/// <param name="Any">True for <c>*</c>: the connection only has to exist.</param>
/// <param name="Versions">The versions the client read.</param>
public sealed record VersionCondition(bool Any, IReadOnlyList<Guid> Versions)
{
    /// <summary>True when a connection at <paramref name="version"/> may be written.</summary>
    public bool IsMetBy(Guid version) => Any || Versions.Contains(version);
}
