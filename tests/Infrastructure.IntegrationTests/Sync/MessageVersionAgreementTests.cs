using Connections.Application.Common.Interfaces;
using Connections.Domain.Connections;
using Connections.Domain.Messages;
using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Npgsql;

namespace Connections.Infrastructure.IntegrationTests.Sync;

/// <summary>
/// The message store's upsert SQL and <see cref="MessageVersion.IsNewerThan"/> are one rule (ADR 0017): every pair of
/// (stored, incoming) versions — edit time none/earlier/later × event time none/earlier/later, both ways — goes
/// through the domain method and through the real store on a real database, and both must agree on whether the
/// incoming version replaced the stored one, what is stored afterwards, and what the store counted as written.
/// SQLite always; PostgreSQL on the server CONNECTIONS_TEST_POSTGRES names (the test command starts one).
/// </summary>
[TestFixture]
public sealed class MessageVersionAgreementTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset?[] EditTimes = [null, SentAt.AddSeconds(60), SentAt.AddSeconds(120)];

    private static readonly DateTimeOffset?[] EventTimes = [null, SentAt.AddSeconds(90).AddMilliseconds(100), SentAt.AddSeconds(90).AddMilliseconds(700)];

    private static IEnumerable<MessageVersion> Versions =>
        from edited in EditTimes from eventAt in EventTimes select new MessageVersion(edited, eventAt);

    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task Upsert_ForEveryPairOfVersions_ShouldAgreeWithTheDomainRule(DatabaseProvider provider)
    {
        await using var database = await Database.CreateAsync(provider);
        var store = database.Services.GetRequiredService<IMessageStore>();
        var connectionId = await database.AddConnectionAsync();
        var pairs = (from stored in Versions from incoming in Versions select (Stored: stored, Incoming: incoming)).ToList();
        pairs.Count.ShouldBe(81);

        var inserted = await store.UpsertAsync(connectionId, "C1", pairs.Select((p, i) => Platform(i, "stored", p.Stored)).ToList(), CancellationToken.None);
        inserted.ShouldBe(pairs.Count, "a message never seen is inserted, whatever its version");

        var disagreements = new List<string>();
        for (var i = 0; i < pairs.Count; i++)
        {
            var (stored, incoming) = pairs[i];
            var domain = Message.Create(connectionId, "C1", Id(i), "U1", "ana", "stored", SentAt, null, stored, SentAt);
            var domainChanged = domain.Update("U1", "ana", "incoming", incoming);

            var written = await store.UpsertAsync(connectionId, "C1", [Platform(i, "incoming", incoming)], CancellationToken.None);
            var row = await database.ReadAsync(connectionId, Id(i));

            if (written != (domainChanged ? 1 : 0) || row.Text != domain.Text || row.EditedAt != domain.EditedAt || row.EventAt != domain.EventAt)
            {
                disagreements.Add($"stored {stored}, incoming {incoming}: domain changed={domainChanged} text={domain.Text}; "
                    + $"store wrote {written} text={row.Text} edited_at={row.EditedAt:O} event_at={row.EventAt:O}");
            }
        }

        disagreements.ShouldBeEmpty();
    }

    private static string Id(int i) => $"1700000000.{i:D6}";

    private static PlatformMessage Platform(int i, string text, MessageVersion version) =>
        new(Id(i), "C1", "U1", "ana", text, SentAt, null, version.EditedAt, version.EventAt);

    /// <summary>A migrated throwaway database of <paramref name="provider"/> and the service's own registrations on it.</summary>
    private sealed class Database : IAsyncDisposable
    {
        private readonly string? _dropFrom;
        private readonly string _name;
        private readonly string? _directory;

        private Database(ServiceProvider services, string name, string? dropFrom, string? directory)
        {
            Services = services;
            _name = name;
            _dropFrom = dropFrom;
            _directory = directory;
        }

        public ServiceProvider Services { get; }

        public static async Task<Database> CreateAsync(DatabaseProvider provider)
        {
            var name = "connections_agree_" + Guid.NewGuid().ToString("N")[..16];
            string connectionString;
            string? admin = null;
            string? directory = null;
            if (provider == DatabaseProvider.Postgres)
            {
                admin = Environment.GetEnvironmentVariable("CONNECTIONS_TEST_POSTGRES");
                if (string.IsNullOrEmpty(admin))
                {
                    Assert.Ignore("CONNECTIONS_TEST_POSTGRES is not set (the test command starts a PostgreSQL and sets it).");
                }

                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                    await create.ExecuteNonQueryAsync();
                }

                connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            }
            else
            {
                directory = Directory.CreateTempSubdirectory("connections-agree-").FullName;
                connectionString = $"Data Source={Path.Combine(directory, "connections.db")}";
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["Database:ConnectionString"] = connectionString,
            }).Build();
            var services = new ServiceCollection().AddLogging()
                .AddInfrastructure(configuration, new HostingEnvironment { ContentRootPath = directory ?? Path.GetTempPath(), EnvironmentName = "Production" })
                .BuildServiceProvider(validateScopes: true);
            var database = new Database(services, name, admin, directory);
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>().Database.MigrateAsync();
            return database;
        }

        public async Task<string> AddConnectionAsync()
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
            var connection = Connection.Create(Domain.Connections.Platform.Slack, "Agreement", "owner@localhost", "protected", "T1", ConnectionSettings.Default, [], SentAt);
            connection.ClearDomainEvents(); // no mediator here: only the row is needed, for the messages' foreign key
            db.Add(connection);
            await db.SaveChangesAsync();
            return connection.Id;
        }

        public async Task<Message> ReadAsync(string connectionId, string platformId)
        {
            await using var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();
            return await db.Set<Message>().AsNoTracking().SingleAsync(m => m.ConnectionId == connectionId && m.PlatformId == platformId);
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            if (_dropFrom is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(_dropFrom);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }

            if (_directory is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(_directory, recursive: true);
            }
        }
    }
}
