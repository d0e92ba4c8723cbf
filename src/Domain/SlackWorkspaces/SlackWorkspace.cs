using Connections.Domain.Common;

namespace Connections.Domain.SlackWorkspaces;

/// <summary>
/// The organization's Slack app for one Slack team: bot token, app-level token (Socket Mode) and signing secret,
/// held only in protected form. At most one configuration is active at a time; the organization's owner manages it.
/// </summary>
public sealed class SlackWorkspace : Entity<Guid>
{
    public const int MaxNameLength = 255;
    public const int MaxIdLength = 32;

    private SlackWorkspace()
    {
    }

    /// <summary>Slack team id (<c>T…</c>); one configuration per team.</summary>
    public string TeamId { get; private set; } = null!;

    public string TeamName { get; private set; } = null!;

    public string? AppId { get; private set; }

    public string? AppName { get; private set; }

    public string? BotUserId { get; private set; }

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The email of the principal who first configured this team.</summary>
    public string CreatedBy { get; private set; } = null!;

    public string ProtectedBotToken { get; private set; } = null!;

    public string ProtectedAppToken { get; private set; } = null!;

    public string ProtectedSigningSecret { get; private set; } = null!;

    /// <summary>Optimistic concurrency token, bumped on every change; the ETag is derived from it.</summary>
    public Guid Version { get; private set; }

    /// <summary>Configures a team whose tokens Slack has just accepted. The new configuration starts active.</summary>
    public static SlackWorkspace Create(
        string teamId,
        string teamName,
        SlackAppIdentity identity,
        ProtectedSlackSecrets secrets,
        string createdBy,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdBy);

        var workspace = new SlackWorkspace
        {
            Id = Guid.CreateVersion7(now),
            TeamId = teamId,
            CreatedBy = createdBy,
            CreatedAt = now,
            IsActive = true,
        };
        workspace.SetName(teamName);
        workspace.SetSecrets(secrets);
        workspace.SetIdentity(identity);
        workspace.Touch(now);
        return workspace;
    }

    /// <summary>
    /// Replaces the whole configuration of this team (a new Slack app or a reinstall) and makes it the active one.
    /// Identity and creation stay; identity fields Slack did not report are cleared, not kept from the old app.
    /// </summary>
    public void Replace(string teamName, SlackAppIdentity identity, ProtectedSlackSecrets secrets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(identity);
        SetName(teamName);
        SetSecrets(secrets);
        AppId = identity.AppId;
        AppName = identity.AppName;
        BotUserId = identity.BotUserId;
        IsActive = true;
        Touch(now);
    }

    /// <summary>Another team became active: this one stops being used. Deactivating an inactive one is a bug.</summary>
    public Result Deactivate(DateTimeOffset now)
    {
        if (!IsActive)
        {
            return Error.Conflict("WORKSPACE_NOT_ACTIVE", $"The configuration of team '{TeamId}' is not active.");
        }

        IsActive = false;
        Touch(now);
        return Result.Success();
    }

    public void Rename(string teamName, DateTimeOffset now)
    {
        SetName(teamName);
        Touch(now);
    }

    /// <summary>A new bot token Slack has accepted for this very team; Slack's view of the app fills what it reports.</summary>
    public void RotateBotToken(string protectedBotToken, SlackAppIdentity identity, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedBotToken);
        ArgumentNullException.ThrowIfNull(identity);
        ProtectedBotToken = protectedBotToken;
        SetIdentity(identity);
        Touch(now);
    }

    /// <summary>A new app-level token Slack has accepted for Socket Mode.</summary>
    public void RotateAppToken(string protectedAppToken, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedAppToken);
        ProtectedAppToken = protectedAppToken;
        Touch(now);
    }

    public void RotateSigningSecret(string protectedSigningSecret, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedSigningSecret);
        ProtectedSigningSecret = protectedSigningSecret;
        Touch(now);
    }

    /// <summary>Strong comparison of the version with an <c>If-Match</c> entity tag (<c>"…"</c>, or <c>*</c>).</summary>
    public bool MatchesETag(IEnumerable<string> ifMatch)
    {
        ArgumentNullException.ThrowIfNull(ifMatch);
        var current = ETagOf(Version);
        return ifMatch.Any(tag => tag == "*" || string.Equals(tag, current, StringComparison.Ordinal));
    }

    /// <summary>The quoted strong entity tag of a version.</summary>
    public static string ETagOf(Guid version) => $"\"{version:N}\"";

    private void SetName(string teamName)
    {
        var trimmed = teamName?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength)
        {
            throw new ArgumentException($"A team name has 1–{MaxNameLength} characters.", nameof(teamName));
        }

        TeamName = trimmed;
    }

    private void SetSecrets(ProtectedSlackSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentException.ThrowIfNullOrWhiteSpace(secrets.BotToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(secrets.AppToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(secrets.SigningSecret);
        ProtectedBotToken = secrets.BotToken;
        ProtectedAppToken = secrets.AppToken;
        ProtectedSigningSecret = secrets.SigningSecret;
    }

    /// <summary>Takes what is known; a field nobody reported keeps its value.</summary>
    private void SetIdentity(SlackAppIdentity identity)
    {
        AppId = identity.AppId ?? AppId;
        AppName = identity.AppName ?? AppName;
        BotUserId = identity.BotUserId ?? BotUserId;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}
