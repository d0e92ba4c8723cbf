using Connections.Domain.Common;

namespace Connections.Domain.SlackWorkspaces;

/// <summary>What a write did to a Slack workspace configuration. Wire names are lower case.</summary>
public enum SlackWorkspaceAuditAction
{
    /// <summary>A team was configured for the first time.</summary>
    Created = 1,
    /// <summary>A team's configuration was replaced as a whole (POST for a team already configured).</summary>
    Replaced = 2,
    /// <summary>Some fields changed (PATCH).</summary>
    Updated = 3,
    /// <summary>Another team became active.</summary>
    Deactivated = 4,
    /// <summary>The configuration and its secrets were deleted.</summary>
    Deleted = 5,
}

/// <summary>
/// One line of the audit trail: who did what to which team, and when. It names the fields that changed, never their
/// values, and it outlives the configuration it describes. Written in the same transaction as the change.
/// </summary>
public sealed class SlackWorkspaceAuditEntry
{
    private SlackWorkspaceAuditEntry()
    {
    }

    /// <summary>Database-assigned, increasing: the order in which the writes committed.</summary>
    public long Id { get; private set; }

    public Guid WorkspaceId { get; private set; }

    public string TeamId { get; private set; } = null!;

    public SlackWorkspaceAuditAction Action { get; private set; }

    /// <summary>The caller's email.</summary>
    public string Actor { get; private set; } = null!;

    public CallerRole? ActorRole { get; private set; }

    /// <summary>Comma-separated wire names of the fields the write set (e.g. <c>bot_token,team_name</c>).</summary>
    public string ChangedFields { get; private set; } = null!;

    public DateTimeOffset OccurredAt { get; private set; }

    public static SlackWorkspaceAuditEntry Record(
        SlackWorkspace workspace,
        SlackWorkspaceAuditAction action,
        string actor,
        CallerRole? actorRole,
        IEnumerable<string> changedFields,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentNullException.ThrowIfNull(changedFields);
        if (!Enum.IsDefined(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown audit action.");
        }

        return new SlackWorkspaceAuditEntry
        {
            WorkspaceId = workspace.Id,
            TeamId = workspace.TeamId,
            Action = action,
            Actor = actor,
            ActorRole = actorRole,
            ChangedFields = string.Join(',', changedFields),
            OccurredAt = now,
        };
    }
}
