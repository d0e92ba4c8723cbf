using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Security;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Domain.Common;
using Connections.Domain.SlackWorkspaces;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.SlackWorkspaces.Commands.DeleteSlackWorkspace;

/// <summary>
/// Deletes the configuration of <paramref name="TeamId"/> (the active one when null); its secrets go with the row.
/// No other configuration becomes active by itself.
/// </summary>
public sealed record DeleteSlackWorkspaceCommand(string? TeamId) : IRequest<Result<SlackWorkspaceDeletedDto>>, IRequireOwner;

public sealed class DeleteSlackWorkspaceCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<DeleteSlackWorkspaceCommand, Result<SlackWorkspaceDeletedDto>>
{
    public async Task<Result<SlackWorkspaceDeletedDto>> Handle(DeleteSlackWorkspaceCommand request, CancellationToken cancellationToken)
    {
        var workspace = request.TeamId is null
            ? await db.SlackWorkspaces.FirstOrDefaultAsync(w => w.IsActive, cancellationToken)
            : await db.SlackWorkspaces.FirstOrDefaultAsync(w => w.TeamId == request.TeamId, cancellationToken);
        if (workspace is null)
        {
            return request.TeamId is null ? SlackWorkspaceErrors.NoneActive() : SlackWorkspaceErrors.NotFound(request.TeamId);
        }

        db.SlackWorkspaces.Remove(workspace);
        db.SlackWorkspaceAuditEntries.Add(SlackWorkspaceAuditEntry.Record(
            workspace,
            SlackWorkspaceAuditAction.Deleted,
            currentUser.RequireEmail(),
            currentUser.Role,
            ["bot_token", "app_token", "signing_secret"],
            clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return new SlackWorkspaceDeletedDto(true, "Workspace configuration deleted");
    }
}

public sealed class DeleteSlackWorkspaceCommandValidator : AbstractValidator<DeleteSlackWorkspaceCommand>
{
    public DeleteSlackWorkspaceCommandValidator() =>
        RuleFor(c => c.TeamId).TeamIdRule().When(c => c.TeamId is not null);
}
