using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Security;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Domain.Common;
using Connections.Domain.SlackWorkspaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.SlackWorkspaces.Commands.ConfigureSlackWorkspace;

/// <summary>
/// Creates or replaces the Slack app configuration of one team and makes it the active one (any other is
/// deactivated). Both tokens are checked on Slack before anything is saved.
/// </summary>
public sealed record ConfigureSlackWorkspaceCommand(
    string? TeamId,
    string? TeamName,
    string? BotToken,
    string? AppToken,
    string? SigningSecret,
    string? AppId,
    string? AppName,
    string? BotUserId) : IRequest<Result<SlackWorkspaceWriteResult>>, IRequireOwner
{
    /// <summary>Never print secrets, not even by accident through the record's generated ToString.</summary>
    public override string ToString() => $"ConfigureSlackWorkspaceCommand {{ TeamId = {TeamId}, *** }}";
}

public sealed class ConfigureSlackWorkspaceCommandHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    SlackTokenChecker checker,
    ISecretProtector protector,
    TimeProvider clock) : IRequestHandler<ConfigureSlackWorkspaceCommand, Result<SlackWorkspaceWriteResult>>
{
    public async Task<Result<SlackWorkspaceWriteResult>> Handle(ConfigureSlackWorkspaceCommand request, CancellationToken cancellationToken)
    {
        var teamId = request.TeamId!;
        var bot = await checker.CheckBotTokenAsync(request.BotToken!, teamId, cancellationToken);
        if (bot.IsFailure)
        {
            return bot.Error;
        }

        var app = await checker.CheckAppTokenAsync(request.AppToken!, cancellationToken);
        if (app.IsFailure)
        {
            return app.Error;
        }

        var now = clock.GetUtcNow();
        var actor = currentUser.RequireEmail();
        var identity = new SlackAppIdentity(request.AppId ?? bot.Value.AppId, request.AppName?.Trim(), request.BotUserId ?? bot.Value.BotUserId);
        var secrets = new ProtectedSlackSecrets(
            protector.Protect(request.BotToken!),
            protector.Protect(request.AppToken!),
            protector.Protect(request.SigningSecret!));

        foreach (var other in await db.SlackWorkspaces.Where(w => w.IsActive && w.TeamId != teamId).ToListAsync(cancellationToken))
        {
            var deactivated = other.Deactivate(now);
            if (deactivated.IsFailure)
            {
                return deactivated.Error;
            }

            db.SlackWorkspaceAuditEntries.Add(SlackWorkspaceAuditEntry.Record(
                other, SlackWorkspaceAuditAction.Deactivated, actor, currentUser.Role, ["is_active"], now));
        }

        var workspace = await db.SlackWorkspaces.FirstOrDefaultAsync(w => w.TeamId == teamId, cancellationToken);
        var created = workspace is null;
        if (workspace is null)
        {
            workspace = SlackWorkspace.Create(teamId, request.TeamName!, identity, secrets, actor, now);
            db.SlackWorkspaces.Add(workspace);
        }
        else
        {
            workspace.Replace(request.TeamName!, identity, secrets, now);
        }

        db.SlackWorkspaceAuditEntries.Add(SlackWorkspaceAuditEntry.Record(
            workspace,
            created ? SlackWorkspaceAuditAction.Created : SlackWorkspaceAuditAction.Replaced,
            actor,
            currentUser.Role,
            ChangedFields(request),
            now));
        await db.SaveChangesAsync(cancellationToken);
        return workspace.ToWriteResult(created);
    }

    private static IEnumerable<string> ChangedFields(ConfigureSlackWorkspaceCommand request)
    {
        string[] always = ["team_id", "team_name", "bot_token", "app_token", "signing_secret", "is_active"];
        return always
            .Concat(request.AppId is null ? [] : ["app_id"])
            .Concat(request.AppName is null ? [] : ["app_name"])
            .Concat(request.BotUserId is null ? [] : ["bot_user_id"]);
    }
}
