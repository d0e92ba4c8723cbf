using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Models;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Connections.Queries.GetConnections;

/// <summary>Lists the connections the caller may see, newest first, a page at a time.</summary>
/// <param name="Platform">Optional filter: <c>slack</c> or <c>discord</c>.</param>
/// <param name="Status">Optional filter: <c>connected</c>, <c>disconnected</c> or <c>error</c>.</param>
/// <param name="Limit">Page size, 1–500.</param>
/// <param name="Cursor">The opaque cursor of the previous page's <c>next</c> link.</param>
public sealed record GetConnectionsQuery(string? Platform, string? Status, int Limit = GetConnectionsQuery.DefaultLimit, string? Cursor = null)
    : IRequest<Result<Page<ConnectionDto>>>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    internal static bool TryParseStatus(string? value, out ConnectionStatus status)
    {
        status = value switch
        {
            "connected" => ConnectionStatus.Connected,
            "disconnected" => ConnectionStatus.Disconnected,
            "error" => ConnectionStatus.Error,
            _ => default,
        };
        return status != default;
    }
}

public sealed class GetConnectionsQueryValidator : AbstractValidator<GetConnectionsQuery>
{
    public GetConnectionsQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, GetConnectionsQuery.MaxLimit);
        RuleFor(q => q.Platform)
            .Must(p => CredentialRules.TryParsePlatform(p, out _)).When(q => q.Platform is not null)
            .WithMessage("Must be 'slack' or 'discord'.");
        RuleFor(q => q.Status)
            .Must(s => GetConnectionsQuery.TryParseStatus(s, out _)).When(q => q.Status is not null)
            .WithMessage("Must be 'connected', 'disconnected' or 'error'.");
    }
}

public sealed class GetConnectionsQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, PageCursors cursors)
    : IRequestHandler<GetConnectionsQuery, Result<Page<ConnectionDto>>>
{
    public async Task<Result<Page<ConnectionDto>>> Handle(GetConnectionsQuery request, CancellationToken cancellationToken)
    {
        var query = db.Connections.AsNoTracking().VisibleTo(currentUser);
        if (CredentialRules.TryParsePlatform(request.Platform, out var platform))
        {
            query = query.Where(c => c.Platform == platform);
        }

        if (GetConnectionsQuery.TryParseStatus(request.Status, out var status))
        {
            query = query.Where(c => c.Status == status);
        }

        var scope = PageCursors.Scope("connections", request.Platform, request.Status);
        if (request.Cursor is not null)
        {
            if (!cursors.TryRead(scope, request.Cursor, out var after))
            {
                return PageCursors.Invalid;
            }

            query = query.Where(c => string.Compare(c.Id, after) < 0);
        }

        var rows = await query
            .OrderByDescending(c => c.Id)
            .Take(request.Limit + 1)
            .Select(c => new ConnectionDto(c.Id, c.Name, c.Platform, c.Status, c.CreatedAt, c.LastSyncAt, c.ChannelCount))
            .ToListAsync(cancellationToken);
        return Page<ConnectionDto>.FromRows(rows, request.Limit, c => c, c => cursors.Issue(scope, c.Id));
    }
}
