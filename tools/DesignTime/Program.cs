using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

Console.WriteLine("Design-time host for EF Core migrations; see README (Database migrations).");

/// <summary>Builds the SQLite context for <c>dotnet ef</c>; the file is never opened when adding migrations.</summary>
internal sealed class SqliteFactory : IDesignTimeDbContextFactory<SqliteConnectionsDbContext>
{
    public SqliteConnectionsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConnectionsDbContext>()
            .UseSqlite("Data Source=design-time.db", s => s.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}

/// <summary>Builds the PostgreSQL context for <c>dotnet ef</c>; no server is contacted when adding migrations.</summary>
internal sealed class PostgresFactory : IDesignTimeDbContextFactory<PostgresConnectionsDbContext>
{
    public PostgresConnectionsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConnectionsDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", n => n.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}

/// <summary>Builds the SQL Server context for <c>dotnet ef</c>; no server is contacted when adding migrations or writing scripts.</summary>
internal sealed class SqlServerFactory : IDesignTimeDbContextFactory<SqlServerConnectionsDbContext>
{
    public SqlServerConnectionsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerConnectionsDbContext>()
            .UseSqlServer("Server=127.0.0.1;Database=design_time;Integrated Security=false", s => s.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
