namespace Connections.Application.Common.Interfaces;

/// <summary>
/// Stores synced messages idempotently: unique per connection, channel and platform id; an existing message is
/// updated in place (edits). Each call is its own short transaction, so memory stays flat over long runs.
/// </summary>
public interface IMessageStore
{
    /// <returns>How many messages were new or changed.</returns>
    Task<int> UpsertAsync(string connectionId, string channelId, IReadOnlyList<PlatformMessage> messages, CancellationToken cancellationToken);
}
