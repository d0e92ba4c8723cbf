using System.Text.Json.Serialization;
using Connections.Domain.Connections;

namespace Connections.Application.Connections.Common;

/// <summary>A connection in lists.</summary>
public sealed record ConnectionDto(
    string Id,
    string Name,
    Platform Platform,
    ConnectionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSync,
    int ChannelCount);

/// <summary>
/// One connection with its settings. <c>Version</c> is the concurrency version behind the <c>ETag</c> header and not
/// part of the body.
/// </summary>
public sealed record ConnectionDetailDto(
    string Id,
    string Name,
    Platform Platform,
    ConnectionStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSync,
    int ChannelCount,
    ConnectionSettingsDto Settings,
    [property: JsonIgnore] Guid Version);

public sealed record ConnectionSettingsDto(int SyncIntervalMinutes, bool WikiEnabled, bool GraphEnabled);

/// <summary>The answer to a create.</summary>
public sealed record ConnectionCreatedDto(
    string Id,
    string Name,
    Platform Platform,
    ConnectionStatus Status,
    DateTimeOffset CreatedAt,
    int ChannelCount);

/// <summary>A channel of the catalog and whether it is synced.</summary>
public sealed record ChannelDto(string Id, string Name, bool IsPrivate, int? MemberCount, bool SyncEnabled);

/// <summary>The answer to a channel selection: the updated catalog and the connection's new version (for the <c>ETag</c>).</summary>
public sealed record ChannelSelectionDto(IReadOnlyList<ChannelDto> Channels, Guid Version);

/// <summary>The answer to <c>POST /{id}/validate</c>: valid with the connection, or not valid with the diagnosis.</summary>
public sealed record ValidationOutcomeDto(
    bool Valid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ValidatedConnectionDto? Connection,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ValidationFailureDto? Error);

public sealed record ValidatedConnectionDto(string Id, ConnectionStatus Status, DateTimeOffset ValidatedAt);

/// <summary>One of the six diagnoses, with the scopes involved when it is about permissions.</summary>
public sealed record ValidationFailureDto(
    string Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? RequiredScopes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? MissingScopes)
{
    public static ValidationFailureDto From(PlatformError error) =>
        new(error.Code, error.Message, error.RequiredScopes, error.MissingScopes);
}

public static class ConnectionMappings
{
    public static ConnectionDetailDto ToDetailDto(this Connection c) => new(
        c.Id,
        c.Name,
        c.Platform,
        c.Status,
        c.CreatedAt,
        c.LastSyncAt,
        c.ChannelCount,
        c.Settings.ToDto(),
        c.Version);

    public static ConnectionSettingsDto ToDto(this ConnectionSettings s) =>
        new(s.SyncIntervalMinutes, s.WikiEnabled, s.GraphEnabled);

    public static ConnectionCreatedDto ToCreatedDto(this Connection c) =>
        new(c.Id, c.Name, c.Platform, c.Status, c.CreatedAt, c.ChannelCount);

    public static ChannelDto ToDto(this ConnectionChannel c) =>
        new(c.ChannelId, c.Name, c.IsPrivate, c.MemberCount, c.SyncEnabled);
}
