using Connections.Domain.ApiKeys;
using Connections.Domain.Connections;
using Connections.Domain.Messages;
using Connections.Domain.Syncs;
using Connections.Domain.SlackWorkspaces;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Common.Interfaces;

/// <summary>The unit of work the handlers use; Infrastructure implements it with EF Core.</summary>
public interface IApplicationDbContext
{
    DbSet<Connection> Connections { get; }

    DbSet<ConnectionChannel> ConnectionChannels { get; }

    DbSet<ApiKey> ApiKeys { get; }

    DbSet<SyncRun> SyncRuns { get; }

    DbSet<Message> Messages { get; }

    DbSet<SlackWorkspace> SlackWorkspaces { get; }

    DbSet<SlackWorkspaceAuditEntry> SlackWorkspaceAuditEntries { get; }

    /// <summary>Saves, then dispatches the domain events the saved aggregates raised.</summary>
    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}
