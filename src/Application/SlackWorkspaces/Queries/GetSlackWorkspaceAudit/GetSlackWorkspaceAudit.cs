using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Security;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspaceAudit;

/// <summary>The audit trail of Slack workspace writes, newest first, optionally for one team; owners and applications only.</summary>
public sealed record GetSlackWorkspaceAuditQuery(string? TeamId, int Limit = GetSlackWorkspaceAuditQuery.DefaultLimit)
    : IRequest<Result<IReadOnlyList<SlackWorkspaceAuditEntryDto>>>, IRequireOwner
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
}

public sealed class GetSlackWorkspaceAuditQueryHandler(IApplicationDbContext db)
    : IRequestHandler<GetSlackWorkspaceAuditQuery, Result<IReadOnlyList<SlackWorkspaceAuditEntryDto>>>
{
    public async Task<Result<IReadOnlyList<SlackWorkspaceAuditEntryDto>>> Handle(GetSlackWorkspaceAuditQuery request, CancellationToken cancellationToken)
    {
        var query = db.SlackWorkspaceAuditEntries.AsNoTracking();
        if (request.TeamId is not null)
        {
            query = query.Where(e => e.TeamId == request.TeamId);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(request.Limit).ToListAsync(cancellationToken);
        return rows
            .Select(e => new SlackWorkspaceAuditEntryDto(
                e.Id,
                e.OccurredAt,
                e.Action,
                e.TeamId,
                e.WorkspaceId,
                e.Actor,
                e.ActorRole,
                e.ChangedFields.Split(',', StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
    }
}

public sealed class GetSlackWorkspaceAuditQueryValidator : AbstractValidator<GetSlackWorkspaceAuditQuery>
{
    public GetSlackWorkspaceAuditQueryValidator()
    {
        RuleFor(q => q.TeamId).TeamIdRule().When(q => q.TeamId is not null);
        RuleFor(q => q.Limit)
            .InclusiveBetween(1, GetSlackWorkspaceAuditQuery.MaxLimit)
            .WithMessage($"Must be between 1 and {GetSlackWorkspaceAuditQuery.MaxLimit}.");
    }
}
