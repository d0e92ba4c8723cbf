using System.Collections.Concurrent;
using System.Reflection;
using Connections.Domain.Common;

namespace Connections.Application.Common.Behaviors;

/// <summary>Builds a failed <see cref="Result"/> or <see cref="Result{T}"/> for a response type known only as a generic argument.</summary>
internal static class ResultFailures
{
    private static readonly ConcurrentDictionary<Type, Func<Error, object>> Factories = new();

    public static bool IsResultType(Type type) =>
        type == typeof(Result) || type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Result<>);

    public static TResponse Create<TResponse>(Error error)
    {
        var factory = Factories.GetOrAdd(typeof(TResponse), static type =>
        {
            if (type == typeof(Result))
            {
                return e => Result.Failure(e);
            }

            var method = type.GetMethod(nameof(Result.Failure), BindingFlags.Public | BindingFlags.Static, [typeof(Error)])
                ?? throw new InvalidOperationException($"{type} has no Failure(Error) factory.");
            return e => method.Invoke(null, [e])!;
        });
        return (TResponse)factory(error);
    }
}
