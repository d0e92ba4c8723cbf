using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Connections.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;

namespace Connections.Infrastructure.IntegrationTests.Persistence.SqlServer;

/// <summary>A LINQ query the SQL Server provider could not translate (it would fail, or evaluate on the client, there).</summary>
public sealed record TranslationFailure(string Query, string Error);

/// <summary>
/// Translates every LINQ query a SQLite context runs on the service's SQL Server context too. The SQLite context
/// (a real database with real rows, so the application's code takes its real paths) hands each query expression to
/// <see cref="Translate"/> before running it; the expression — EF query roots swapped for the SQL Server model's —
/// is executed on <see cref="SqlServerCapture"/>, where translation and SQL generation are real and nothing reaches
/// a server. A query SQL Server cannot translate is recorded in <see cref="Failures"/>; one it can is in the
/// capture's commands. Registered as an interceptor only so the SQLite context's query provider can find it.
/// </summary>
public sealed class SqlServerMirror(SqlServerCapture capture) : IInterceptor
{
    private static readonly MethodInfo Execute = typeof(IQueryProvider).GetMethods()
        .Single(m => m.Name == nameof(IQueryProvider.Execute) && m.IsGenericMethodDefinition);

    private readonly List<TranslationFailure> _failures = [];
    private readonly Lock _gate = new();

    public SqlServerCapture Capture => capture;

    public IReadOnlyList<TranslationFailure> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>How many queries were handed over (each must produce a command or a failure).</summary>
    public int Queries { get; private set; }

    /// <summary>Adds this mirror to a SQLite context's options (its query provider then hands every query over).</summary>
    public void AttachTo(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ReplaceService<IAsyncQueryProvider, MirroringQueryProvider>().AddInterceptors(this);
    }

    /// <summary>Runs <paramref name="query"/> (as EF's query provider received it) on SQL Server, synchronously.</summary>
    public void Translate(Expression query, Type resultType)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(resultType);
        lock (_gate)
        {
            Queries++;
            var (scope, db) = capture.CreateContext();
            using var owned = scope;
            var before = capture.Commands.Count;
            try
            {
                var provider = db.GetService<IAsyncQueryProvider>();
                var rewritten = new ModelSwap(db.Model, provider).Visit(query);
                var result = Execute.MakeGenericMethod(SyncResultType(resultType)).Invoke(provider, [rewritten]);
                if (result is IEnumerable rows)
                {
                    var enumerator = rows.GetEnumerator();
                    while (enumerator.MoveNext())
                    {
                        // Enumerating is what sends the command.
                    }
                }
            }
            catch (Exception ex) when (capture.Commands.Count == before)
            {
                var error = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                _failures.Add(new TranslationFailure(query.ToString(), $"{error.GetType().Name}: {error.Message}"));
            }
            catch (Exception)
            {
                // The command was generated and captured; the empty result it got back is not what the query expected
                // (First, Single, Any need a row). Translation is what is under test, and it succeeded.
            }
        }
    }

    /// <summary>Task&lt;T&gt; → T, IAsyncEnumerable&lt;T&gt; → IEnumerable&lt;T&gt;: the same query, run synchronously.</summary>
    private static Type SyncResultType(Type resultType)
    {
        if (resultType.IsGenericType && resultType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            return resultType.GenericTypeArguments[0];
        }

        return resultType.IsGenericType && resultType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)
            ? typeof(IEnumerable<>).MakeGenericType(resultType.GenericTypeArguments[0])
            : resultType;
    }

    /// <summary>Points EF query roots (and queries captured in closures) at the SQL Server context's model.</summary>
    private sealed class ModelSwap(IModel model, IAsyncQueryProvider provider) : ExpressionVisitor
    {
        protected override Expression VisitExtension(Expression node)
        {
            if (node is EntityQueryRootExpression root)
            {
                var entityType = model.FindEntityType(root.EntityType.ClrType)
                    ?? throw new InvalidOperationException($"{root.EntityType.ClrType.Name} is not in the SQL Server model.");
                return node.GetType() == typeof(EntityQueryRootExpression)
                    ? new EntityQueryRootExpression(provider, entityType)
                    : root.UpdateEntityType(entityType);
            }

            return base.VisitExtension(node);
        }

        protected override Expression VisitConstant(ConstantExpression node) =>
            node.Value is IQueryable { Provider: IAsyncQueryProvider } query ? Visit(query.Expression) : base.VisitConstant(node);

        protected override Expression VisitMember(MemberExpression node)
        {
            if (typeof(IQueryable).IsAssignableFrom(node.Type) && node.Expression is null or ConstantExpression)
            {
                var target = (node.Expression as ConstantExpression)?.Value;
                var value = node.Member switch
                {
                    FieldInfo field => field.GetValue(target),
                    PropertyInfo property => property.GetValue(target),
                    _ => null,
                };
                if (value is IQueryable { Provider: IAsyncQueryProvider } query)
                {
                    return Visit(query.Expression);
                }
            }

            return base.VisitMember(node);
        }
    }
}
