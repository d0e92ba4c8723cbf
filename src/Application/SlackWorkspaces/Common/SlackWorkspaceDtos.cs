using System.Text.Json.Serialization;
using Connections.Domain.Common;
using Connections.Domain.SlackWorkspaces;

namespace Connections.Application.SlackWorkspaces.Common;

/// <summary>
/// A Slack workspace configuration as owners and members read it: never a secret, only whether each is set.
/// <c>Version</c> is the concurrency version behind the <c>ETag</c> header and not part of the body.
/// </summary>
public sealed record SlackWorkspaceDto(
    Guid Id,
    string TeamId,
    string TeamName,
    string? AppId,
    string? AppName,
    string? BotUserId,
    bool IsActive,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string CreatedBy,
    bool HasBotToken,
    bool HasAppToken,
    bool HasSigningSecret,
    [property: JsonIgnore] Guid Version)
{
    /// <summary>The quoted strong entity tag for the <c>ETag</c> header.</summary>
    [JsonIgnore]
    public string ETag => SlackWorkspace.ETagOf(Version);
}

/// <summary>The answer to a write: <c>{success: true, workspace: {id, team_id, team_name}}</c>.</summary>
public sealed record SlackWorkspaceSavedDto(bool Success, SlackWorkspaceSummaryDto Workspace);

public sealed record SlackWorkspaceSummaryDto(Guid Id, string TeamId, string TeamName);

/// <summary>A write's body plus what the controller needs for the status line and headers.</summary>
/// <param name="Body">The response body.</param>
/// <param name="Created">True when the team had no configuration before (201), false when it was replaced or updated (200).</param>
/// <param name="ETag">The new entity tag.</param>
public sealed record SlackWorkspaceWriteResult(SlackWorkspaceSavedDto Body, bool Created, string ETag);

/// <summary>The answer to a delete.</summary>
public sealed record SlackWorkspaceDeletedDto(bool Success, string Message);

/// <summary>
/// The outcome of a live test: <c>{success: true, message, details}</c> or <c>{success: false, error, code}</c>,
/// where <c>code</c> is one of the six connection error codes.
/// </summary>
public sealed record SlackWorkspaceTestDto(
    bool Success,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlackWorkspaceTestDetailsDto? Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code);

public sealed record SlackWorkspaceTestDetailsDto(string WorkspaceName, string? BotName, string? BotId);

/// <summary>One line of the audit trail: who did what to which team and when, naming changed fields but never their values.</summary>
public sealed record SlackWorkspaceAuditEntryDto(
    long Id,
    DateTimeOffset OccurredAt,
    SlackWorkspaceAuditAction Action,
    string TeamId,
    Guid WorkspaceId,
    string Actor,
    CallerRole? ActorRole,
    IReadOnlyList<string> ChangedFields);

public static class SlackWorkspaceMappings
{
    public static SlackWorkspaceWriteResult ToWriteResult(this SlackWorkspace w, bool created) =>
        new(new SlackWorkspaceSavedDto(true, new SlackWorkspaceSummaryDto(w.Id, w.TeamId, w.TeamName)), created, SlackWorkspace.ETagOf(w.Version));

    /// <summary>The read model as an EF projection (secrets never leave the database, only whether they are set).</summary>
    public static IQueryable<SlackWorkspaceDto> ToDtos(this IQueryable<SlackWorkspace> workspaces) =>
        workspaces.Select(w => new SlackWorkspaceDto(
            w.Id,
            w.TeamId,
            w.TeamName,
            w.AppId,
            w.AppName,
            w.BotUserId,
            w.IsActive,
            w.CreatedAt,
            w.UpdatedAt,
            w.CreatedBy,
            w.ProtectedBotToken != "",
            w.ProtectedAppToken != "",
            w.ProtectedSigningSecret != "",
            w.Version));
}
