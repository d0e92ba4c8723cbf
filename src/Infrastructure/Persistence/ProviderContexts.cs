using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Connections.Infrastructure.Persistence;

/// <summary>The embedded default: SQLite. Migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteConnectionsDbContext(DbContextOptions<SqliteConnectionsDbContext> options, IDomainEventDispatcher? dispatcher = null)
    : ConnectionsDbContext(options, dispatcher)
{
    /// <summary>SQLite has no date-time type that sorts and compares; store instants as sortable 64-bit numbers.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The server provider: PostgreSQL. Migrations in <c>Migrations/Postgres</c>.</summary>
public sealed class PostgresConnectionsDbContext(DbContextOptions<PostgresConnectionsDbContext> options, IDomainEventDispatcher? dispatcher = null)
    : ConnectionsDbContext(options, dispatcher)
{
    /// <summary>
    /// Message search (<c>?q=</c>, a case-insensitive substring) is a LIKE on the lower-cased text, which a trigram GIN
    /// index answers without scanning the table.
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Domain.Messages.Message>()
            .HasIndex(m => m.SearchText)
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops")
            .HasDatabaseName("ix_messages_search_text_trgm");
    }
}

/// <summary>The design card's server provider: SQL Server. Migrations in <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerConnectionsDbContext(DbContextOptions<SqlServerConnectionsDbContext> options, IDomainEventDispatcher? dispatcher = null)
    : ConnectionsDbContext(options, dispatcher)
{
    /// <summary>
    /// SQL Server has no boolean expressions over a <c>bit</c> column, so the "one active workspace" filter compares
    /// with 1. Message search is a plain LIKE on the lower-cased text (no trigram index exists there; see ADR 0010).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Domain.SlackWorkspaces.SlackWorkspace>()
            .HasIndex(w => w.IsActive)
            .HasFilter("[is_active] = 1");
    }
}
