using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query.Internal;

namespace Connections.Infrastructure.IntegrationTests.Persistence.SqlServer;

#pragma warning disable EF1001 // EntityQueryProvider is EF's internal query provider: the one place that sees every query as the application wrote it (closure values included) before EF parameterizes it.

/// <summary>EF's query provider for the SQLite context, handing each query to the <see cref="SqlServerMirror"/> before running it.</summary>
internal sealed class MirroringQueryProvider(IQueryCompiler queryCompiler, ICurrentDbContext currentContext) : EntityQueryProvider(queryCompiler)
{
    private SqlServerMirror Mirror =>
        currentContext.Context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqlServerMirror>().SingleOrDefault()
        ?? throw new InvalidOperationException("MirroringQueryProvider needs a SqlServerMirror among the context's interceptors (SqlServerMirror.AttachTo).");

    public override TResult Execute<TResult>(Expression expression)
    {
        Mirror.Translate(expression, typeof(TResult));
        return base.Execute<TResult>(expression);
    }

    public override TResult ExecuteAsync<TResult>(Expression expression, CancellationToken cancellationToken = default)
    {
        Mirror.Translate(expression, typeof(TResult));
        return base.ExecuteAsync<TResult>(expression, cancellationToken);
    }
}
