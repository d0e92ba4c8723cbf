using Connections.Application.Common.Interfaces;
using Connections.Domain.Messages;
using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.Sync;

/// <summary>
/// Upserts a page of messages in its own short-lived context (memory stays flat over long runs): existing rows are
/// updated in place (edits), new ones inserted in one batch. A concurrent writer of the same message (the Slack Events
/// path) makes the unique index fail one attempt; the page is then simply applied again.
/// </summary>
internal sealed class EfMessageStore(IServiceScopeFactory scopes, TimeProvider clock) : IMessageStore
{
    public async Task<int> UpsertAsync(string connectionId, string channelId, IReadOnlyList<PlatformMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await UpsertOnceAsync(connectionId, channelId, messages, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < 3 && DatabaseErrors.Classify(ex) == DatabaseFailure.UniqueViolation)
            {
                // Someone stored one of these messages between our read and our write: read again.
            }
        }
    }

    private async Task<int> UpsertOnceAsync(string connectionId, string channelId, IReadOnlyList<PlatformMessage> messages, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var unique = messages.GroupBy(m => m.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var ids = unique.Select(m => m.Id).ToList();
        var existing = await db.Messages
            .Where(m => m.ConnectionId == connectionId && m.ChannelId == channelId && ids.Contains(m.PlatformId))
            .ToDictionaryAsync(m => m.PlatformId, StringComparer.Ordinal, cancellationToken);

        var now = clock.GetUtcNow();
        var changed = 0;
        foreach (var m in unique)
        {
            if (existing.TryGetValue(m.Id, out var stored))
            {
                if (stored.Update(m.AuthorId, m.AuthorName, m.Text, m.EditedAt))
                {
                    db.Entry(stored).State = EntityState.Modified;
                    changed++;
                }
            }
            else
            {
                db.Messages.Add(Message.Create(connectionId, channelId, m.Id, m.AuthorId, m.AuthorName, m.Text, m.SentAt, m.ThreadId, m.EditedAt, now));
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
