using Connections.Application.Common.Interfaces;
using Connections.Infrastructure.Persistence;
using Connections.Infrastructure.Platforms;
using Connections.Infrastructure.Security;
using Connections.Infrastructure.Sync;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Connections.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Database (provider by configuration), secret protection, API key hashing and the platform connectors.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Provider is not (DatabaseProvider.Postgres or DatabaseProvider.SqlServer) || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is Postgres or SqlServer.")
            .ValidateOnStart();

        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                services.AddDbContext<ConnectionsDbContext, PostgresConnectionsDbContext>(o => o.UseNpgsql(
                    PostgresConnectionString(database),
                    npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history")));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<ConnectionsDbContext, SqlServerConnectionsDbContext>(o => o
                    .UseSqlServer(database.ConnectionString, sql => sql.MigrationsHistoryTable("__ef_migrations_history"))
                    .AddInterceptors(new SqlServerLockTimeout(TimeSpan.FromSeconds(database.BusyTimeoutSeconds))));
                break;
            default:
                var sqlite = SqliteConnectionString(database, environment.ContentRootPath);
                services.AddDbContext<ConnectionsDbContext, SqliteConnectionsDbContext>(o => o
                    .UseSqlite(sqlite, s => s.MigrationsHistoryTable("__ef_migrations_history"))
                    .AddInterceptors(new SqlitePragmas()));
                break;
        }

        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ConnectionsDbContext>());
        services.AddScoped<IDomainEventDispatcher, MediatorDomainEventDispatcher>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DatabaseInitializer>(sp, environment));
        services.AddSingleton(TimeProvider.System);

        services.AddDataProtection().SetApplicationName("Connections");
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<ICursorProtector, DataProtectionCursorProtector>();
        services.AddSingleton<IApiKeySecrets, ApiKeySecrets>();
        services.AddPlatformConnectors(configuration);

        services.AddOptions<SyncOptions>().Bind(configuration.GetSection(SyncOptions.SectionName))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.LeaseDuration >= TimeSpan.FromSeconds(1) && o.BatchSize > 0, "Sync options must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IMessageStore, EfMessageStore>();
        services.AddSingleton<ISyncLeases, SqlSyncLeases>();
        services.AddSingleton<IIdempotencyStore, Idempotency.EfIdempotencyStore>();
        services.AddSingleton<SyncLeaseHolder>();
        services.AddSingleton<SyncSignal>();
        services.AddSingleton<ISyncSignal>(sp => sp.GetRequiredService<SyncSignal>());
        return services;
    }

    /// <summary>The background sync scheduler; separate so hosts without a database (build-time OpenAPI) skip it.</summary>
    public static IServiceCollection AddSyncScheduler(this IServiceCollection services) =>
        services.AddHostedService<SyncScheduler>();

    /// <summary>
    /// Keeps the Data Protection key ring in the database, shared by every instance, through the EF Core key store on
    /// the registered <see cref="ConnectionsDbContext"/> (whichever provider's subclass it is). Separate from
    /// <see cref="AddInfrastructure"/> so hosts that run without a database (the build-time OpenAPI generator) can skip it.
    /// </summary>
    public static IServiceCollection AddDatabaseKeyRing(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        // The key ring itself is encrypted with a certificate kept outside the database (ADR 0018): a configured one,
        // or one generated into the data folder on first start. A copy of the database alone decrypts nothing.
        var dataDirectory = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.DataDirectory ?? new DatabaseOptions().DataDirectory;
        var certificate = KeyRingCertificate.Load(configuration, environment.ContentRootPath, dataDirectory);
        services.AddDataProtection()
            .PersistKeysToDbContext<ConnectionsDbContext>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
        services.AddHostedService<KeyRingUpgrade>();

        // The key store logs every key's XML at Debug level: unless a certificate wraps it, that is the key itself.
        // Cap its category at Information for every logger provider: a provider's own rule (Logging:Console:LogLevel)
        // outranks the rules that name none, so one rule without a provider would not hold.
        services.PostConfigure<LoggerFilterOptions>(options =>
        {
            foreach (var provider in options.Rules.Select(r => r.ProviderName).Append(null).Distinct().ToList())
            {
                options.Rules.Add(new LoggerFilterRule(provider, KeyStoreLogCategory, LogLevel.Information, filter: null));
            }
        });
        return services;
    }

    /// <summary>The logging category prefix of the EF Core key store.</summary>
    private const string KeyStoreLogCategory = "Microsoft.AspNetCore.DataProtection.EntityFrameworkCore";

    /// <summary>
    /// The PostgreSQL connection string with a lock timeout (unless the operator set one), so a write stuck behind a
    /// lock fails fast and the request answers 503 instead of hanging.
    /// </summary>
    public static string PostgresConnectionString(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (builder.Options?.Contains("lock_timeout", StringComparison.Ordinal) != true)
        {
            var lockTimeout = $"-c lock_timeout={options.BusyTimeoutSeconds * 1000}";
            builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? lockTimeout : $"{builder.Options} {lockTimeout}";
        }

        return builder.ToString();
    }

    /// <summary>The SQLite connection string: explicit, or <c>connections.db</c> in the data directory, with a short busy timeout.</summary>
    public static string SqliteConnectionString(DatabaseOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetFullPath(options.DataDirectory, contentRoot), "connections.db") }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.DefaultTimeout = options.BusyTimeoutSeconds;
        builder.Pooling = true;
        return builder.ToString();
    }
}
