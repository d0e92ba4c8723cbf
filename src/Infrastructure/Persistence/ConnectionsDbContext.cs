using Connections.Application.Common.Interfaces;
using Connections.Domain.ApiKeys;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.Domain.Messages;
using Connections.Domain.Syncs;
using Connections.Domain.SlackWorkspaces;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Connections.Infrastructure.Persistence;

/// <summary>
/// The one EF Core model of the service, kept provider-neutral. Each provider has a small subclass
/// (<see cref="SqliteConnectionsDbContext"/>, <see cref="PostgresConnectionsDbContext"/>,
/// <see cref="SqlServerConnectionsDbContext"/>) so that each has its own migration set and its few provider touches.
/// </summary>
public abstract class ConnectionsDbContext : DbContext, IApplicationDbContext, IDataProtectionKeyContext
{
    private readonly IDomainEventDispatcher? _dispatcher;

    protected ConnectionsDbContext(DbContextOptions options, IDomainEventDispatcher? dispatcher)
        : base(options) => _dispatcher = dispatcher;

    public DbSet<Connection> Connections => Set<Connection>();

    public DbSet<ConnectionChannel> ConnectionChannels => Set<ConnectionChannel>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();

    public DbSet<Message> Messages => Set<Message>();

    public DbSet<SyncLease> SyncLeases => Set<SyncLease>();

    public DbSet<IdempotencyRequest> IdempotencyRequests => Set<IdempotencyRequest>();

    public DbSet<SlackWorkspace> SlackWorkspaces => Set<SlackWorkspace>();

    public DbSet<SlackWorkspaceAuditEntry> SlackWorkspaceAuditEntries => Set<SlackWorkspaceAuditEntry>();

    /// <summary>The Data Protection key ring, read and written by the EF Core key store (<c>PersistKeysToDbContext</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Saves, and only once the transaction has committed dispatches the domain events the saved aggregates raised.</summary>
    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        var raisers = ChangeTracker.Entries<IHasDomainEvents>()
            .Select(e => e.Entity)
            .Where(e => e.DomainEvents.Count > 0)
            .ToList();
        var events = raisers.SelectMany(e => e.DomainEvents).ToList();
        var written = await base.SaveChangesAsync(cancellationToken);
        raisers.ForEach(e => e.ClearDomainEvents());
        if (_dispatcher is not null && events.Count > 0)
        {
            await _dispatcher.DispatchAsync(events, cancellationToken);
        }

        return written;
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ConnectionsDbContext).Assembly);
        SnakeCaseNames.Apply(modelBuilder);
    }
}

/// <summary>Dispatches domain events after the save that made them true.</summary>
public interface IDomainEventDispatcher
{
    Task DispatchAsync(IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken);
}
