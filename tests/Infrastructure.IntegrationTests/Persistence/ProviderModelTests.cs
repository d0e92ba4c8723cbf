using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.IntegrationTests.Persistence;

/// <summary>
/// The model on each provider, as the service configures it (never connecting): it builds, its migration set
/// describes it exactly, and all three providers carry the same tables, columns, keys and indexes. The committed
/// idempotent scripts in deploy/sql are what the migrations produce.
/// </summary>
[TestFixture]
public sealed class ProviderModelTests
{
    private const string Refresh = "After changing the model or adding a migration, run `dotnet tool restore && dotnet cake --target=SqlScripts` "
        + "(dotnet ef migrations script --idempotent for SQL Server and PostgreSQL) and commit deploy/sql/.";

    private static readonly Dictionary<DatabaseProvider, string> NeverOpened = new()
    {
        [DatabaseProvider.Sqlite] = "Data Source=never-opened.db",
        [DatabaseProvider.Postgres] = "Host=postgres.invalid;Database=connections;Username=app;Password=never-used",
        [DatabaseProvider.SqlServer] = "Server=tcp:sqlserver.invalid,1433;Database=connections;User ID=app;Password=never-used",
    };

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    [TestCase(DatabaseProvider.SqlServer)]
    public void Model_WhenBuiltForTheProvider_ShouldHaveNoChangesMissingFromItsMigrations(DatabaseProvider provider)
    {
        using var context = Context(provider);

        context.Database.GetMigrations().ShouldNotBeEmpty();
        context.Database.HasPendingModelChanges().ShouldBeFalse(
            $"the {provider} migrations do not describe the model: add a migration with dotnet-ef (README, Database migrations)");
    }

    [TestCase(DatabaseProvider.Postgres)]
    [TestCase(DatabaseProvider.SqlServer)]
    public void Options_WhenAServerProviderHasNoConnectionString_ShouldFailValidation(DatabaseProvider provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
        }).Build();
        using var services = new ServiceCollection().AddLogging()
            .AddInfrastructure(configuration, new HostingEnvironment { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Production" })
            .BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        failure.Message.ShouldContain("Database:ConnectionString is required");
    }

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public void Model_WhenBuiltForSqlServer_ShouldHaveTheSameSchemaAs(DatabaseProvider other)
    {
        using var sqlServer = Context(DatabaseProvider.SqlServer);
        using var reference = Context(other);

        // PostgreSQL's trigram index is its own search accelerator (see PostgresConnectionsDbContext).
        Schema(sqlServer.GetService<IDesignTimeModel>().Model).ShouldBe(
            Schema(reference.GetService<IDesignTimeModel>().Model).Where(line => !line.Contains("_trgm", StringComparison.Ordinal)).ToList());
    }

    [TestCase(DatabaseProvider.SqlServer, "sqlserver.sql")]
    [TestCase(DatabaseProvider.Postgres, "postgres.sql")]
    public void IdempotentScript_ShouldEqualTheCommittedDeployScript(DatabaseProvider provider, string file)
    {
        using var context = Context(provider);
        var generated = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var committed = File.ReadAllText(CommittedScriptPath(file));

        Normalize(generated).ShouldBe(Normalize(committed), $"deploy/sql/{file} is not what the {provider} migrations produce. {Refresh}");
    }

    /// <summary>Tables, columns (with nullability and length), keys and indexes (with uniqueness and filter), sorted.</summary>
    private static List<string> Schema(IModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.GetRelationalModel().Tables.Where(t => t.Name != "__ef_migrations_history"))
        {
            lines.AddRange(table.Columns.Select(c => $"{table.Name}.{c.Name} null={c.IsNullable} max={c.MaxLength}"));
            lines.AddRange(table.UniqueConstraints.Select(k => $"{table.Name} key {k.Name} ({string.Join(", ", k.Columns.Select(c => c.Name))})"));
            lines.AddRange(table.ForeignKeyConstraints.Select(f => $"{table.Name} fk {f.Name} -> {f.PrincipalTable.Name} {f.OnDeleteAction}"));
            lines.AddRange(table.Indexes.Select(i => $"{table.Name} index {i.Name} ({string.Join(", ", i.Columns.Select(c => c.Name))}) unique={i.IsUnique} filtered={i.Filter is not null}"));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The context exactly as <see cref="DependencyInjection.AddInfrastructure"/> configures it for the provider.</summary>
    private static ProviderContext Context(DatabaseProvider provider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:ConnectionString"] = NeverOpened[provider],
        }).Build();
        return new ProviderContext(new ServiceCollection().AddLogging()
            .AddInfrastructure(configuration, new HostingEnvironment { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Production" })
            .BuildServiceProvider(validateScopes: true));
    }

    private static string Normalize(string script) => script.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd();

    private static string CommittedScriptPath(string file)
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "deploy", "sql", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"deploy/sql/{file} not found above {TestContext.CurrentContext.TestDirectory}. {Refresh}");
    }

    /// <summary>A context in its own scope of its own container; disposing it disposes all three.</summary>
    private sealed class ProviderContext(ServiceProvider services) : IDisposable
    {
        private readonly AsyncServiceScope _scope = services.CreateAsyncScope();

        public ConnectionsDbContext Db => _scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();

        public DatabaseFacade Database => Db.Database;

        public T GetService<T>()
            where T : class => Db.GetService<T>();

        public void Dispose()
        {
            _scope.Dispose();
            services.Dispose();
        }
    }
}
