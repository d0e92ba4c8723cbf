using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Security;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Domain.Common;
using Connections.Domain.SlackWorkspaces;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.SlackWorkspaces.Commands.UpdateSlackWorkspace;

/// <summary>
/// Changes any of the active configuration's team name and secrets. New tokens are checked on Slack before they
/// replace the old ones, and all changes apply together or not at all. With <paramref name="IfMatch"/> (the
/// <c>If-Match</c> entity tags) a configuration changed since the caller read it is left alone (412).
/// </summary>
public sealed record UpdateSlackWorkspaceCommand(
    string? TeamName,
    string? BotToken,
    string? AppToken,
    string? SigningSecret,
    IReadOnlyList<string>? IfMatch) : IRequest<Result<SlackWorkspaceWriteResult>>, IRequireOwner
{
    public override string ToString() => $"UpdateSlackWorkspaceCommand {{ TeamName = {TeamName}, *** }}";
}

/// <summary>The body of <c>PATCH /sfp/api/slack/workspace</c>: any of team_name, bot_token, app_token, signing_secret.</summary>
public sealed record UpdateSlackWorkspaceRequest(string? TeamName, string? BotToken, string? AppToken, string? SigningSecret)
{
    public UpdateSlackWorkspaceCommand ToCommand(IReadOnlyList<string>? ifMatch) => new(TeamName, BotToken, AppToken, SigningSecret, ifMatch);

    public override string ToString() => $"UpdateSlackWorkspaceRequest {{ TeamName = {TeamName}, *** }}";
}

public sealed class UpdateSlackWorkspaceCommandHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    SlackTokenChecker checker,
    ISecretProtector protector,
    TimeProvider clock) : IRequestHandler<UpdateSlackWorkspaceCommand, Result<SlackWorkspaceWriteResult>>
{
    public async Task<Result<SlackWorkspaceWriteResult>> Handle(UpdateSlackWorkspaceCommand request, CancellationToken cancellationToken)
    {
        var workspace = await db.SlackWorkspaces.FirstOrDefaultAsync(w => w.IsActive, cancellationToken);
        if (workspace is null)
        {
            return SlackWorkspaceErrors.NoneActive();
        }

        if (request.IfMatch is { } ifMatch && !workspace.MatchesETag(ifMatch))
        {
            return SlackWorkspaceErrors.StaleETag();
        }

        // Check every new token before changing anything: a bad rotation changes nothing.
        SlackBotIdentity? bot = null;
        if (request.BotToken is not null)
        {
            var checkedBot = await checker.CheckBotTokenAsync(request.BotToken, workspace.TeamId, cancellationToken);
            if (checkedBot.IsFailure)
            {
                return checkedBot.Error;
            }

            bot = checkedBot.Value;
        }

        if (request.AppToken is not null)
        {
            var checkedApp = await checker.CheckAppTokenAsync(request.AppToken, cancellationToken);
            if (checkedApp.IsFailure)
            {
                return checkedApp.Error;
            }
        }

        var now = clock.GetUtcNow();
        var changed = new List<string>();
        if (request.TeamName is not null)
        {
            workspace.Rename(request.TeamName, now);
            changed.Add("team_name");
        }

        if (bot is not null)
        {
            workspace.RotateBotToken(protector.Protect(request.BotToken!), new SlackAppIdentity(bot.AppId, null, bot.BotUserId), now);
            changed.Add("bot_token");
        }

        if (request.AppToken is not null)
        {
            workspace.RotateAppToken(protector.Protect(request.AppToken), now);
            changed.Add("app_token");
        }

        if (request.SigningSecret is not null)
        {
            workspace.RotateSigningSecret(protector.Protect(request.SigningSecret), now);
            changed.Add("signing_secret");
        }

        db.SlackWorkspaceAuditEntries.Add(SlackWorkspaceAuditEntry.Record(
            workspace, SlackWorkspaceAuditAction.Updated, currentUser.RequireEmail(), currentUser.Role, changed, now));
        await db.SaveChangesAsync(cancellationToken);
        return workspace.ToWriteResult(created: false);
    }
}

public sealed class UpdateSlackWorkspaceCommandValidator : AbstractValidator<UpdateSlackWorkspaceCommand>
{
    public UpdateSlackWorkspaceCommandValidator()
    {
        RuleFor(c => c)
            .Must(c => c.TeamName is not null || c.BotToken is not null || c.AppToken is not null || c.SigningSecret is not null)
            .OverridePropertyName("body")
            .WithMessage("Provide at least one of team_name, bot_token, app_token, signing_secret.");
        RuleFor(c => c.TeamName).TeamNameRule();
        RuleFor(c => c.BotToken).NotEmpty().When(c => c.BotToken is not null).WithMessage(SlackWorkspaceRules.Required).BotTokenRule();
        RuleFor(c => c.AppToken).NotEmpty().When(c => c.AppToken is not null).WithMessage(SlackWorkspaceRules.Required).AppTokenRule();
        RuleFor(c => c.SigningSecret).NotEmpty().When(c => c.SigningSecret is not null).WithMessage(SlackWorkspaceRules.Required).SigningSecretRule();
    }
}
