using System.Globalization;
using Connections.Application;
using Connections.Application.ApiKeys.Commands.CreateApiKey;
using Connections.Application.ApiKeys.Commands.RevokeApiKey;
using Connections.Application.ApiKeys.Common;
using Connections.Application.ApiKeys.Queries.ListApiKeys;
using Connections.Application.Connections.Commands.DisconnectConnection;
using Connections.Application.Messages.Queries.GetMessages;
using Connections.Application.Webhooks.Commands.ReceiveSlackEvent;
using Connections.Application.Webhooks.Common;
using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Commands.CreateConnection;
using Connections.Application.Connections.Commands.DeleteConnection;
using Connections.Application.Connections.Commands.RefreshChannels;
using Connections.Application.Connections.Commands.UpdateChannelSelection;
using Connections.Application.Connections.Commands.UpdateConnection;
using Connections.Application.Connections.Commands.ValidateConnection;
using Connections.Application.Connections.Common;
using Connections.Application.Connections.Queries.GetChannels;
using Connections.Application.Connections.Queries.GetConnection;
using Connections.Application.Connections.Queries.GetConnections;
using Connections.Application.SlackWorkspaces.Commands.ConfigureSlackWorkspace;
using Connections.Application.SlackWorkspaces.Commands.DeleteSlackWorkspace;
using Connections.Application.SlackWorkspaces.Commands.UpdateSlackWorkspace;
using Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspace;
using Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspaceAudit;
using Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspaces;
using Connections.Application.SlackWorkspaces.Queries.TestSlackWorkspace;
using Connections.Application.Syncs;
using Connections.Application.Syncs.Commands.FailStuckSyncRun;
using Connections.Application.Syncs.Commands.QueueScheduledSync;
using Connections.Application.Syncs.Commands.QueueSync;
using Connections.Application.Syncs.Queries.GetSyncCandidates;
using Connections.Application.Syncs.Queries.GetSyncRun;
using Connections.Application.Syncs.Queries.GetSyncRuns;
using Connections.Domain.Common;
using Connections.FakePlatforms;
using Connections.Infrastructure.Persistence;
using Connections.Infrastructure.Sync;
using MediatR;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Connections.Infrastructure.IntegrationTests.Persistence.SqlServer;

/// <summary>
/// Every LINQ query the application runs translates on SQL Server. No SQL Server engine runs here, so each use case
/// runs for real — its real handler through the real MediatR pipeline, on a real SQLite database with real rows, the
/// platforms answered by the fake over HTTP — and every query it runs is also translated by the service's SQL Server
/// context (<see cref="SqlServerMirror"/>): a query that SQL Server cannot translate (or would evaluate on the
/// client) fails the test, and the SQL it would send is checked. <see cref="Scenarios"/> must cover every request
/// handler of the Application assembly (a test says so), plus the sync scheduler, engine, leases and API-key lookup.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SqlServerQueryTranslationTests
{
    private const string SigningSecret = "0123456789abcdef0123456789abcdef";
    private const string OwnerEmail = "owner@example.com";

    private readonly TestUser _user = new();
    private readonly List<Type> _requests = [];
    private FakePlatformServer _fake = null!;
    private SqlServerCapture _capture = null!;
    private SqlServerMirror _mirror = null!;
    private ServiceProvider _services = null!;
    private string _directory = null!;

    /// <summary>The use cases, each named by the request (or component) whose queries it exercises.</summary>
    public static IEnumerable<TestCaseData> Scenarios()
    {
        yield return Case(typeof(CreateConnectionCommand), async t =>
        {
            var created = await t.ActAsync(() => t.SendAsync(SlackCreate(Unique("Create"))));
            created.Value.Status.ShouldBe(Domain.Connections.ConnectionStatus.Connected);
            t.ActSql.ShouldContain(sql => sql.Contains("FROM [connections]", StringComparison.Ordinal), "the duplicate-name check");
        });
        yield return Case(typeof(GetConnectionsQuery), async t =>
        {
            await t.CreateSlackAsync();
            await t.CreateSlackAsync();
            var first = await t.ActAsync(() => t.SendAsync(new GetConnectionsQuery("slack", "connected", Limit: 1)));
            first.Value.NextCursor.ShouldNotBeNull();
            var second = await t.ActAsync(() => t.SendAsync(new GetConnectionsQuery("slack", "connected", Limit: 1, Cursor: first.Value.NextCursor)));
            string.CompareOrdinal(second.Value.Items.ShouldHaveSingleItem().Id, first.Value.Items[0].Id).ShouldBeLessThan(0);
            t._user.Act(CallerRole.Member, OwnerEmail);
            (await t.ActAsync(() => t.SendAsync(new GetConnectionsQuery(null, null)))).Value.Items.Count.ShouldBeGreaterThanOrEqualTo(2);
            t.ActSql.ShouldContain(sql => sql.Contains("TOP(@", StringComparison.Ordinal) && sql.Contains("ORDER BY [c].[id] DESC", StringComparison.Ordinal));
            t.ActSql.ShouldContain(sql => sql.Contains("[c].[owner_email] = @", StringComparison.Ordinal), "a member sees only their own");
        });
        yield return Case(typeof(GetConnectionQuery), async t =>
        {
            var id = await t.CreateSlackAsync();
            (await t.ActAsync(() => t.SendAsync(new GetConnectionQuery(id)))).Value.Id.ShouldBe(id);
        });
        yield return Case(typeof(UpdateConnectionCommand), async t =>
        {
            var id = await t.CreateSlackAsync();
            var updated = await t.ActAsync(() => t.SendAsync(new UpdateConnectionCommand(id, Unique("Renamed"), null, new SettingsInput(60, false, null))));
            updated.Value.Settings.SyncIntervalMinutes.ShouldBe(60);
        });
        yield return Case(typeof(DeleteConnectionCommand), async t =>
        {
            var id = await t.CreateSlackAsync();
            (await t.ActAsync(() => t.SendAsync(new DeleteConnectionCommand(id)))).IsSuccess.ShouldBeTrue();
            (await t.SendAsync(new GetConnectionQuery(id))).IsFailure.ShouldBeTrue();
        });
        yield return Case(typeof(ValidateConnectionCommand), async t =>
        {
            var id = await t.CreateSlackAsync();
            (await t.ActAsync(() => t.SendAsync(new ValidateConnectionCommand(id)))).Value.Valid.ShouldBeTrue();
        });
        yield return Case(typeof(RefreshChannelsCommand), async t =>
        {
            var id = await t.CreateSlackAsync();
            (await t.ActAsync(() => t.SendAsync(new RefreshChannelsCommand(id)))).IsSuccess.ShouldBeTrue();
        });
        yield return Case(typeof(DisconnectConnectionCommand), async t =>
        {
            var id = await t.CreateSlackAsync();
            var disconnected = await t.ActAsync(() => t.SendAsync(new DisconnectConnectionCommand(id)));
            disconnected.Value.Status.ShouldBe(Domain.Connections.ConnectionStatus.Disconnected);
        });
        yield return Case(typeof(GetChannelsQuery), async t =>
        {
            var id = await t.CreateSlackAsync();
            (await t.ActAsync(() => t.SendAsync(new GetChannelsQuery(id)))).Value.ShouldContain(c => c.Id == FakeTokens.Slack.GeneralChannelId);
        });
        yield return Case(typeof(UpdateChannelSelectionCommand), async t =>
        {
            var id = await t.CreateSlackAsync();
            var channels = await t.ActAsync(() => t.SendAsync(new UpdateChannelSelectionCommand(id, [FakeTokens.Slack.GeneralChannelId], false)));
            channels.Value.Channels.Single(c => c.Id == FakeTokens.Slack.GeneralChannelId).SyncEnabled.ShouldBeTrue();
        });
        yield return Case(typeof(QueueSyncCommand), async t =>
        {
            var id = await t.CreateSelectedAsync();
            (await t.ActAsync(() => t.SendAsync(new QueueSyncCommand(id)))).IsSuccess.ShouldBeTrue();
            (await t.ActAsync(() => t.SendAsync(new QueueSyncCommand(id)))).Error!.Code.ShouldBe("SYNC_IN_PROGRESS");
        });
        yield return Case(typeof(GetSyncRunsQuery), async t =>
        {
            var id = await t.CreateSelectedAsync();
            await t.SyncAsync(id);
            await t.SendAsync(new QueueSyncCommand(id));
            var first = await t.ActAsync(() => t.SendAsync(new GetSyncRunsQuery(id, Limit: 1)));
            var second = await t.ActAsync(() => t.SendAsync(new GetSyncRunsQuery(id, Limit: 1, Cursor: first.Value.NextCursor)));
            second.Value.Items.ShouldHaveSingleItem().Status.ShouldBe(Domain.Syncs.SyncRunStatus.Succeeded);
        });
        yield return Case(typeof(GetSyncRunQuery), async t =>
        {
            var id = await t.CreateSelectedAsync();
            var run = (await t.SendAsync(new QueueSyncCommand(id))).Value;
            (await t.ActAsync(() => t.SendAsync(new GetSyncRunQuery(id, run.Id)))).Value.Id.ShouldBe(run.Id);
        });
        yield return Case(typeof(GetSyncCandidatesQuery), async t =>
        {
            var id = await t.CreateSelectedAsync();
            (await t.ActAsync(() => t.SendAsync(new GetSyncCandidatesQuery(1000)))).Value.ShouldContain(id, "due at once after channels are chosen");
        });
        yield return Case(typeof(QueueScheduledSyncCommand), async t =>
        {
            var id = await t.CreateSelectedAsync();
            var run = await t.ActAsync(() => t.SendAsync(new QueueScheduledSyncCommand(id)));
            (await t.SendAsync(new GetSyncRunQuery(id, run.Value))).Value.Trigger.ShouldBe(Domain.Syncs.SyncTrigger.Scheduled);
            (await t.SendAsync(new QueueScheduledSyncCommand(id))).Value.ShouldBe(run.Value, "the active run, not a second one");
        });
        yield return Case(typeof(FailStuckSyncRunCommand), async t =>
        {
            var id = await t.CreateSelectedAsync();
            var run = (await t.SendAsync(new QueueSyncCommand(id))).Value;
            (await t.ActAsync(() => t.SendAsync(new FailStuckSyncRunCommand(id)))).IsSuccess.ShouldBeTrue();
            (await t.SendAsync(new GetSyncRunQuery(id, run.Id))).Value.Status.ShouldBe(Domain.Syncs.SyncRunStatus.Failed);
        });
        yield return Case(typeof(GetMessagesQuery), async t =>
        {
            var id = await t.CreateSlackAsync();
            var sent = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
            var store = t._services.GetRequiredService<IMessageStore>();
            await store.UpsertAsync(id, "C1", [
                new PlatformMessage("1.1", "C1", "U1", "ana", "Read [docs] first", sent, null, null),
                new PlatformMessage("1.2", "C1", "U1", "ana", "100% done_now", sent.AddMinutes(1), null, null),
                new PlatformMessage("1.3", "C1", "U2", null, "plain [d]ocs and docs", sent.AddMinutes(2), "1.1", sent.AddMinutes(3)),
            ], CancellationToken.None);

            var bracket = await t.ActAsync(() => t.SendAsync(new GetMessagesQuery(id, "C1", sent.AddHours(-1), sent.AddHours(1), "[DOCS]")));
            var first = await t.ActAsync(() => t.SendAsync(new GetMessagesQuery(id, Q: "docs", Limit: 1)));
            t._user.Act(CallerRole.Member, OwnerEmail);
            var second = await t.ActAsync(() => t.SendAsync(new GetMessagesQuery(id, Q: "docs", Limit: 1, Cursor: first.Value.NextCursor)));
            var percent = await t.ActAsync(() => t.SendAsync(new GetMessagesQuery(id, Q: "%")));

            bracket.Value.Items.ShouldHaveSingleItem().Id.ShouldBe("1.1", "'[' is literal: '[docs]' is not the class [dcos]");
            first.Value.Items.ShouldHaveSingleItem().Id.ShouldBe("1.3", "newest first");
            second.Value.Items.ShouldHaveSingleItem().Id.ShouldBe("1.1");
            second.Value.NextCursor.ShouldBeNull();
            percent.Value.Items.ShouldHaveSingleItem().Id.ShouldBe("1.2", "'%' is literal");
            var searches = t.ActCommands.Where(c => c.Sql.Contains("[m].[search_text] LIKE @", StringComparison.Ordinal)).ToList();
            searches.Count.ShouldBe(4);
            searches.ShouldAllBe(c => c.Sql.Contains("ESCAPE N'\\'", StringComparison.Ordinal));
            searches.SelectMany(c => c.Parameters).Select(p => p.Value).ShouldContain("%\\[docs]%");
            searches.SelectMany(c => c.Parameters).Select(p => p.Value).ShouldContain("%\\%%");
        });
        yield return Case(typeof(ReceiveSlackEventCommand), async t =>
        {
            var id = await t.CreateSelectedAsync();
            var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
            {
                type = "event_callback",
                team_id = FakeTokens.Slack.TeamId,
                @event = new { type = "message", channel = FakeTokens.Slack.GeneralChannelId, user = "U0FAKEAL1", text = "from events", ts = "1700009999.000100" },
            });
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            var ack = await t.ActAsync(() => t.SendAsync(new ReceiveSlackEventCommand(body, timestamp, SlackSignature.Compute(SigningSecret, timestamp, body))));
            ack.Value.MessagesStored.ShouldBeGreaterThanOrEqualTo(1);
            (await t.SendAsync(new GetMessagesQuery(id, Q: "from events"))).Value.Items.ShouldHaveSingleItem();
        });
        yield return Case(typeof(ConfigureSlackWorkspaceCommand), async t =>
        {
            var saved = await t.ActAsync(() => t.SendAsync(ConfigureWorkspace()));
            saved.IsSuccess.ShouldBeTrue(saved.Error?.Message);
        });
        yield return Case(typeof(UpdateSlackWorkspaceCommand), async t =>
        {
            await t.SendAsync(ConfigureWorkspace());
            var updated = await t.ActAsync(() => t.SendAsync(new UpdateSlackWorkspaceCommand("Renamed Workspace", null, null, null, null)));
            updated.IsSuccess.ShouldBeTrue(updated.Error?.Message);
        });
        yield return Case(typeof(DeleteSlackWorkspaceCommand), async t =>
        {
            await t.SendAsync(ConfigureWorkspace());
            (await t.ActAsync(() => t.SendAsync(new DeleteSlackWorkspaceCommand(FakeTokens.Slack.TeamId)))).IsSuccess.ShouldBeTrue();
            await t.SendAsync(ConfigureWorkspace());
            (await t.ActAsync(() => t.SendAsync(new DeleteSlackWorkspaceCommand(null)))).IsSuccess.ShouldBeTrue();
        });
        yield return Case(typeof(GetSlackWorkspaceQuery), async t =>
        {
            await t.SendAsync(ConfigureWorkspace());
            (await t.ActAsync(() => t.SendAsync(new GetSlackWorkspaceQuery()))).Value.TeamId.ShouldBe(FakeTokens.Slack.TeamId);
        });
        yield return Case(typeof(GetSlackWorkspacesQuery), async t =>
        {
            await t.SendAsync(ConfigureWorkspace());
            (await t.ActAsync(() => t.SendAsync(new GetSlackWorkspacesQuery(ActiveOnly: true)))).Value.ShouldHaveSingleItem();
            (await t.ActAsync(() => t.SendAsync(new GetSlackWorkspacesQuery(ActiveOnly: false)))).Value.ShouldNotBeEmpty();
        });
        yield return Case(typeof(GetSlackWorkspaceAuditQuery), async t =>
        {
            await t.SendAsync(ConfigureWorkspace());
            (await t.ActAsync(() => t.SendAsync(new GetSlackWorkspaceAuditQuery(FakeTokens.Slack.TeamId)))).Value.ShouldNotBeEmpty();
            (await t.ActAsync(() => t.SendAsync(new GetSlackWorkspaceAuditQuery(null)))).Value.ShouldNotBeEmpty();
        });
        yield return Case(typeof(TestSlackWorkspaceQuery), async t =>
        {
            await t.SendAsync(ConfigureWorkspace());
            (await t.ActAsync(() => t.SendAsync(new TestSlackWorkspaceQuery()))).Value.Success.ShouldBeTrue();
        });
        yield return Case(typeof(CreateApiKeyCommand), async t =>
        {
            // Only an insert (SaveChanges, not LINQ): nothing to translate.
            (await t.ActAsync(() => t.SendAsync(new CreateApiKeyCommand("ana@example.com", CallerRole.Member)))).IsSuccess.ShouldBeTrue();
        }, runsQueries: false);
        yield return Case(typeof(ListApiKeysQuery), async t =>
        {
            await t.SendAsync(new CreateApiKeyCommand("ana@example.com", CallerRole.Member));
            (await t.ActAsync(() => t.SendAsync(new ListApiKeysQuery()))).Value.ShouldNotBeEmpty();
        });
        yield return Case(typeof(RevokeApiKeyCommand), async t =>
        {
            var key = (await t.SendAsync(new CreateApiKeyCommand("ana@example.com", CallerRole.Member))).Value;
            (await t.ActAsync(() => t.SendAsync(new RevokeApiKeyCommand(key.ApiKey.Id)))).IsSuccess.ShouldBeTrue();
        });
        yield return Case(typeof(ApiKeyAuthenticator), async t =>
        {
            var key = (await t.SendAsync(new CreateApiKeyCommand("ana@example.com", CallerRole.Member))).Value;
            await using var scope = t._services.CreateAsyncScope();
            var authenticator = scope.ServiceProvider.GetRequiredService<ApiKeyAuthenticator>();
            (await t.ActAsync(() => authenticator.AuthenticateAsync(key.Key, CancellationToken.None)))!.Id.ShouldBe(key.ApiKey.Id);
        });
        yield return Case(typeof(SyncScheduler), async t =>
        {
            var id = await t.CreateSelectedAsync();
            await t.ActAsync(async () =>
            {
                await t.SyncAsync(id);
                return 0;
            });
            (await t.SendAsync(new GetMessagesQuery(id))).Value.Items.ShouldNotBeEmpty();
            (await t.SendAsync(new GetSyncRunsQuery(id))).Value.Items.ShouldHaveSingleItem().Status.ShouldBe(Domain.Syncs.SyncRunStatus.Succeeded);
            t.ActSql.ShouldContain(sql => sql.StartsWith("SET LOCK_TIMEOUT", StringComparison.Ordinal) && sql.Contains("DELETE FROM [s]", StringComparison.Ordinal), "the lease release");
        });
        yield return Case(typeof(SqlSyncLeases), async t =>
        {
            var id = await t.CreateSlackAsync();
            var leases = t._services.GetRequiredService<ISyncLeases>();
            (await leases.TryAcquireAsync(id, "a", TimeSpan.FromMinutes(1), CancellationToken.None)).ShouldBeTrue();
            (await t.ActAsync(() => leases.RenewAsync(id, "a", TimeSpan.FromMinutes(1), CancellationToken.None))).ShouldBeTrue();
            (await t.ActAsync(() => leases.RenewAsync(id, "b", TimeSpan.FromMinutes(1), CancellationToken.None))).ShouldBeFalse();
            await t.ActAsync(async () =>
            {
                await leases.ReleaseAsync(id, "a", CancellationToken.None);
                return 0;
            });
            (await leases.TryAcquireAsync(id, "b", TimeSpan.FromMinutes(1), CancellationToken.None)).ShouldBeTrue("released");
            var update = t.ActCommands.First(c => c.Sql.Contains("UPDATE [s]", StringComparison.Ordinal));
            update.Sql.ShouldContain("SET [s].[expires_at_ms] = @");
            update.Parameters.Select(p => p.Value).ShouldContain(id);
        });
    }

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _fake = await FakePlatformServer.StartAsync();
        _capture = new SqlServerCapture();
        _mirror = new SqlServerMirror(_capture);
        _directory = Directory.CreateTempSubdirectory("connections-sqlserver-translation-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = _directory,
            ["Platforms:Slack:BaseUrl"] = _fake.SlackApiBaseUrl.ToString(),
            ["Platforms:Discord:BaseUrl"] = _fake.DiscordApiBaseUrl.ToString(),
        }).Build();

        var services = new ServiceCollection().AddLogging();
        services.AddApplication().AddInfrastructure(configuration, new HostingEnvironment { ContentRootPath = _directory, EnvironmentName = "Production" });
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<ICurrentUser>(_user);
        services.AddSingleton(_requests);
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(RecordRequests<,>));
        services.ConfigureDbContext<SqliteConnectionsDbContext>(_mirror.AttachTo);
        _services = services.BuildServiceProvider(validateScopes: true);
        await _services.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _services.DisposeAsync();
        _capture.Dispose();
        await _fake.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private IReadOnlyList<CapturedCommand> ActCommands { get; set; } = [];

    private IEnumerable<string> ActSql => ActCommands.Select(c => c.Sql);

    [TestCaseSource(nameof(Scenarios))]
    public async Task Queries_WhenTheUseCaseRuns_ShouldTranslateOnSqlServer(Type useCase, Func<SqlServerQueryTranslationTests, Task> scenario, bool runsQueries)
    {
        ArgumentNullException.ThrowIfNull(useCase);
        ArgumentNullException.ThrowIfNull(scenario);
        var failuresBefore = _mirror.Failures.Count;
        _requests.Clear();
        ActCommands = [];
        _user.Act(CallerRole.Owner, OwnerEmail);

        await scenario(this);

        foreach (var command in ActCommands)
        {
            await TestContext.Out.WriteLineAsync(command.Sql + Environment.NewLine);
        }

        _mirror.Failures.Skip(failuresBefore).ShouldBeEmpty("LINQ that SQL Server cannot translate");
        if (runsQueries)
        {
            ActCommands.ShouldNotBeEmpty($"{useCase.Name} sent SQL Server nothing");
        }
        else
        {
            ActCommands.ShouldBeEmpty($"{useCase.Name} now runs LINQ queries: make its scenario expect them");
        }

        if (typeof(IBaseRequest).IsAssignableFrom(useCase))
        {
            _requests.ShouldContain(useCase, "the scenario must run the use case it is named after");
        }

        foreach (var command in ActCommands.Where(c => c.Source != Microsoft.EntityFrameworkCore.Diagnostics.CommandSource.Migrations))
        {
            command.Sql.ShouldStartWith("SET LOCK_TIMEOUT 3000;\n", customMessage: "every command waits for locks at most Database:BusyTimeoutSeconds");
        }
    }

    [Test]
    public void Scenarios_ShouldCoverEveryRequestHandlerOfTheApplication()
    {
        var handled = typeof(Connections.Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .Select(i => i.GenericTypeArguments[0])
            .ToHashSet();
        var covered = Scenarios().Select(c => c.Arguments[0]).OfType<Type>().ToHashSet();

        handled.Except(covered).Select(t => t.Name).ShouldBeEmpty("request handlers without a SQL Server translation scenario");
    }

    [Test]
    public void Mirror_WhenAQueryCannotBeTranslated_ShouldRecordAFailure()
    {
        // The mirror itself must be able to fail: a query SQL Server cannot translate is recorded, not swallowed.
        var before = _mirror.Failures.Count;
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>();

        Should.Throw<InvalidOperationException>(() => db.ApiKeys.Where(k => Untranslatable(k.Email)).ToList());

        _mirror.Failures.Skip(before).ShouldHaveSingleItem().Error.ShouldContain("could not be translated");
    }

    private static bool Untranslatable(string email) => email.Length > 0;

    private static TestCaseData Case(Type useCase, Func<SqlServerQueryTranslationTests, Task> scenario, bool runsQueries = true) =>
        new TestCaseData(useCase, scenario, runsQueries).SetArgDisplayNames(useCase.Name);

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    private static CreateConnectionCommand SlackCreate(string name) =>
        new("slack", name, new CredentialsInput(FakeTokens.Unique(FakeTokens.Slack.Valid), SigningSecret, null), null);

    private static ConfigureSlackWorkspaceCommand ConfigureWorkspace() =>
        new(FakeTokens.Slack.TeamId, FakeTokens.Slack.TeamName, FakeTokens.Unique(FakeTokens.Slack.Valid), FakeTokens.Unique(FakeTokens.Slack.AppValid), SigningSecret, null, null, null);

    /// <summary>Runs <paramref name="act"/> and keeps the SQL Server commands its queries produced.</summary>
    private async Task<T> ActAsync<T>(Func<Task<T>> act)
    {
        var before = _capture.Commands.Count;
        var result = await act();
        ActCommands = [.. ActCommands, .. _capture.Commands.Skip(before)];
        return result;
    }

    private async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private async Task<string> CreateSlackAsync()
    {
        var created = await SendAsync(SlackCreate(Unique("Slack")));
        created.IsSuccess.ShouldBeTrue(created.Error?.Message);
        return created.Value.Id;
    }

    /// <summary>A connected Slack connection with #general chosen for syncing.</summary>
    private async Task<string> CreateSelectedAsync()
    {
        var id = await CreateSlackAsync();
        (await SendAsync(new UpdateChannelSelectionCommand(id, [FakeTokens.Slack.GeneralChannelId], false))).IsSuccess.ShouldBeTrue();
        return id;
    }

    /// <summary>One pass of the real scheduler: claims the lease, runs the engine, stores the messages, releases.</summary>
    private async Task SyncAsync(string connectionId)
    {
        var scheduler = ActivatorUtilities.CreateInstance<SyncScheduler>(_services);
        await scheduler.TickAsync(CancellationToken.None);
        (await SendAsync(new GetSyncRunsQuery(connectionId))).Value.Items.ShouldContain(r => r.Status == Domain.Syncs.SyncRunStatus.Succeeded);
    }

    private sealed class TestUser : ICurrentUser
    {
        public string? Email { get; private set; }

        public CallerRole? Role { get; private set; }

        public void Act(CallerRole role, string email) => (Role, Email) = (role, email);
    }

    /// <summary>Records which requests went through the pipeline (the scenario must run the use case it is named after).</summary>
    private sealed class RecordRequests<TRequest, TResponse>(List<Type> requests) : IPipelineBehavior<TRequest, TResponse>
        where TRequest : IRequest<TResponse>
    {
        public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
        {
            ArgumentNullException.ThrowIfNull(next);
            lock (requests)
            {
                requests.Add(typeof(TRequest));
            }

            return next();
        }
    }
}
