using System.Text.Json.Serialization;
using Connections.Domain.Syncs;

namespace Connections.Application.Syncs.Common;

public sealed record SyncErrorDto(string Code, string Message);

public sealed record SyncRunChannelDto(string ChannelId, int MessagesFetched, ChannelSyncStatus Status, SyncErrorDto? Error);

/// <summary>A sync run as the API shows it.</summary>
public sealed record SyncRunDto(
    string Id,
    string ConnectionId,
    SyncTrigger Trigger,
    SyncRunStatus Status,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int MessagesFetched,
    IReadOnlyList<SyncRunChannelDto> Channels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SyncErrorDto? Error);

public static class SyncRunMappings
{
    public static SyncRunDto ToDto(this SyncRun run) => new(
        run.Id,
        run.ConnectionId,
        run.Trigger,
        run.Status,
        run.QueuedAt,
        run.StartedAt,
        run.FinishedAt,
        run.MessagesFetched,
        run.Channels
            .OrderBy(c => c.ChannelId, StringComparer.Ordinal)
            .Select(c => new SyncRunChannelDto(c.ChannelId, c.MessagesFetched, c.Status, ErrorOf(c.ErrorCode, c.ErrorMessage)))
            .ToList(),
        ErrorOf(run.ErrorCode, run.ErrorMessage));

    private static SyncErrorDto? ErrorOf(Domain.Connections.ConnectionErrorCode? code, string? message) =>
        code is null ? null : new SyncErrorDto(Domain.Connections.ConnectionErrorCodeExtensions.ToWireName(code.Value), message ?? string.Empty);
}
