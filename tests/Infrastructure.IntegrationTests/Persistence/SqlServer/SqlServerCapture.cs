using System.Data;
using System.Data.Common;
using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Connections.Infrastructure.IntegrationTests.Persistence.SqlServer;

/// <summary>A command EF sent to the (absent) SQL Server: its text and parameters, as SqlClient would have received them.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<DbParameter> Parameters, CommandSource Source);

/// <summary>
/// The service's own SQL Server context (configured by <see cref="DependencyInjection.AddInfrastructure"/> with
/// <c>Database:Provider=SqlServer</c>, lock-timeout interceptor included) on a connection string that is never
/// opened: opening is suppressed, and every command is recorded and answered with an empty result instead of
/// reaching a server. What EF would send is real; what comes back is nothing.
/// </summary>
public sealed class SqlServerCapture : IDisposable
{
    public const string NeverOpened = "Server=tcp:sqlserver.invalid,1433;Database=connections;User ID=app;Password=never-used;Connect Timeout=1";

    private readonly ServiceProvider _services;
    private readonly CommandRecorder _recorder = new();

    public SqlServerCapture(int busyTimeoutSeconds = 3)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectionString"] = NeverOpened,
            ["Database:BusyTimeoutSeconds"] = busyTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddInfrastructure(configuration, new HostingEnvironment { ContentRootPath = Path.GetTempPath(), EnvironmentName = "Production" });
        services.ConfigureDbContext<SqlServerConnectionsDbContext>(o => o.AddInterceptors(new NeverConnect(), _recorder));
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public IReadOnlyList<CapturedCommand> Commands => _recorder.Snapshot();

    /// <summary>A fresh context in its own scope; dispose the scope when done.</summary>
    public (AsyncServiceScope Scope, ConnectionsDbContext Db) CreateContext()
    {
        var scope = _services.CreateAsyncScope();
        return (scope, scope.ServiceProvider.GetRequiredService<ConnectionsDbContext>());
    }

    public void Dispose() => _services.Dispose();

    private sealed class NeverConnect : DbConnectionInterceptor
    {
        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        private readonly List<CapturedCommand> _commands = [];

        public IReadOnlyList<CapturedCommand> Snapshot()
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command, eventData);
            return InterceptionResult<DbDataReader>.SuppressWithResult(Empty());
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command, eventData);
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(Empty()));
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Record(command, eventData);
            return InterceptionResult<int>.SuppressWithResult(0);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command, eventData);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Record(command, eventData);
            return InterceptionResult<object>.SuppressWithResult(DBNull.Value);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command, eventData);
            return ValueTask.FromResult(InterceptionResult<object>.SuppressWithResult(DBNull.Value));
        }

        private static DataTableReader Empty() => new DataTable().CreateDataReader();

        private void Record(DbCommand command, CommandEventData eventData)
        {
            lock (_commands)
            {
                _commands.Add(new CapturedCommand(command.CommandText, command.Parameters.Cast<DbParameter>().ToList(), eventData.CommandSource));
            }
        }
    }
}
