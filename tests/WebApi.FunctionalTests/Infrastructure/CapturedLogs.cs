using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Captures every log line the service writes during the suite (message, structured values, exception and scopes —
/// including the <c>TraceId</c>/<c>SpanId</c> scope of the current span), so tests can prove that no secret is ever
/// logged and that a request's lines carry its trace id.
/// </summary>
public sealed class CapturedLogs
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>A provider for one host: it reads that host's scopes, as the console logger does.</summary>
    public ILoggerProvider CreateProvider() => new Provider(_lines);

    private sealed class Provider(ConcurrentQueue<string> lines) : ILoggerProvider, ISupportExternalScope
    {
        public IExternalScopeProvider Scopes { get; private set; } = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, lines, this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => Scopes = scopeProvider;

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> lines, Provider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.Scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            var scopes = new List<string?>();
            provider.Scopes.ForEachScope((scope, list) => list.Add(scope?.ToString()), scopes);
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{structured}] [{string.Join(" | ", scopes)}] {exception}");
        }
    }
}
