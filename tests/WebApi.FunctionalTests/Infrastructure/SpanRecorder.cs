using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// An exporter that copies every span as it is exported (after the service's own processors ran), so a test sees
/// exactly what a real exporter would send.
/// </summary>
public sealed class SpanRecorder : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<RecordedSpan> _spans = new();

    public IReadOnlyCollection<RecordedSpan> Spans => _spans;

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            var tags = activity.TagObjects.Select(t => new KeyValuePair<string, string?>(t.Key, t.Value?.ToString()))
                .Concat(activity.Events.SelectMany(e => e.Tags.Select(t => new KeyValuePair<string, string?>($"event.{e.Name}.{t.Key}", t.Value?.ToString()))))
                .ToList();
            _spans.Enqueue(new RecordedSpan(activity.Source.Name, activity.DisplayName, activity.Kind, activity.TraceId.ToHexString(), activity.StatusDescription, tags));
        }

        return ExportResult.Success;
    }

    public sealed record RecordedSpan(
        string Source, string Name, ActivityKind Kind, string TraceId, string? StatusDescription, IReadOnlyList<KeyValuePair<string, string?>> Tags)
    {
        public string? Tag(string key) => Tags.FirstOrDefault(t => t.Key == key).Value;

        public bool Has(string key) => Tags.Any(t => t.Key == key);

        /// <summary>Everything about the span as text, for "never contains" checks.</summary>
        public string AllText => $"{Source} {Name} {StatusDescription} {string.Join(' ', Tags.Select(t => $"{t.Key}={t.Value}"))}";
    }
}
