using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Captures every log line the service writes during the suite (message, exception and scopes), so tests can prove
/// that no secret is ever logged.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        private static readonly AsyncLocal<List<object?>> Scopes = new();

        public IDisposable BeginScope<TState>(TState state)
            where TState : notnull
        {
            (Scopes.Value ??= []).Add(state);
            return new ScopeExit(Scopes.Value, state);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            var scopes = Scopes.Value is { Count: > 0 } s ? string.Join(" | ", s.Select(x => x?.ToString())) : string.Empty;
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{structured}] [{scopes}] {exception}");
        }

        private sealed class ScopeExit(List<object?> scopes, object? state) : IDisposable
        {
            public void Dispose() => scopes.Remove(state);
        }
    }
}
