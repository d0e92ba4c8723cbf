using System.Globalization;
using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Models;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

using Connections.Application.Messages.Common;

namespace Connections.Application.Messages.Queries.GetMessages;

/// <summary>Stored messages of a connection, newest first, filtered and searched, a page at a time.</summary>
public sealed record GetMessagesQuery(
    string ConnectionId,
    string? ChannelId = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Q = null,
    int Limit = GetMessagesQuery.DefaultLimit,
    string? Cursor = null) : IRequest<Result<Page<MessageDto>>>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int MaxQueryLength = 200;
    public const int MaxChannelIdLength = 64;

    /// <summary>The list and filters a messages cursor is valid for.</summary>
    internal string CursorScope() => PageCursors.Scope(
        "messages",
        ConnectionId,
        ChannelId,
        Since?.UtcTicks.ToString(CultureInfo.InvariantCulture),
        Until?.UtcTicks.ToString(CultureInfo.InvariantCulture),
        Q);

    /// <summary>A message's position in the newest-first order: its send time, then its row key.</summary>
    internal static string PositionOf(DateTimeOffset sentAt, long key) =>
        string.Create(CultureInfo.InvariantCulture, $"{sentAt.UtcTicks}:{key}");

    internal static bool TryParsePosition(string position, out DateTimeOffset sentAt, out long key)
    {
        sentAt = default;
        key = 0;
        var parts = position.Split(':');
        if (parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks)
            || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out key) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        sentAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }
}

public sealed class GetMessagesQueryValidator : AbstractValidator<GetMessagesQuery>
{
    public GetMessagesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, GetMessagesQuery.MaxLimit);
        RuleFor(q => q.Q).MaximumLength(GetMessagesQuery.MaxQueryLength);
        RuleFor(q => q.ChannelId).MaximumLength(GetMessagesQuery.MaxChannelIdLength);
        RuleFor(q => q.Until).GreaterThanOrEqualTo(q => q.Since).When(q => q.Since is not null && q.Until is not null)
            .WithMessage("Must not be before since.");
    }
}

public sealed class GetMessagesQueryHandler(IApplicationDbContext db, ICurrentUser currentUser, PageCursors cursors)
    : IRequestHandler<GetMessagesQuery, Result<Page<MessageDto>>>
{
    private const string LikeEscape = "\\";

    /// <summary>
    /// Makes every character the caller typed literal: <c>%</c> and <c>_</c> everywhere, and <c>[</c>, which SQL
    /// Server's LIKE reads as the start of a character class (escaping it is harmless on SQLite and PostgreSQL).
    /// </summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal);

    public async Task<Result<Page<MessageDto>>> Handle(GetMessagesQuery request, CancellationToken cancellationToken)
    {
        if (!await db.Connections.VisibleTo(currentUser).AnyAsync(c => c.Id == request.ConnectionId, cancellationToken))
        {
            return Domain.Connections.ConnectionErrors.NotFound(request.ConnectionId);
        }

        var query = db.Messages.AsNoTracking().Where(m => m.ConnectionId == request.ConnectionId);
        if (request.ChannelId is not null)
        {
            query = query.Where(m => m.ChannelId == request.ChannelId);
        }

        // Instants are stored in UTC; a bound sent with another offset is the same instant in UTC.
        if (request.Since?.ToUniversalTime() is { } since)
        {
            query = query.Where(m => m.SentAt >= since);
        }

        if (request.Until?.ToUniversalTime() is { } until)
        {
            query = query.Where(m => m.SentAt <= until);
        }

        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            // LIKE on the lower-cased copy: PostgreSQL answers it from a trigram index, SQLite and SQL Server by reading
            // the connection's messages newest first; the wildcards the caller typed are literal.
            var pattern = "%" + EscapeLike(request.Q.Trim().ToLowerInvariant()) + "%";
            query = query.Where(m => EF.Functions.Like(m.SearchText, pattern, LikeEscape));
        }

        var scope = request.CursorScope();
        if (request.Cursor is not null)
        {
            if (!cursors.TryRead(scope, request.Cursor, out var position)
                || !GetMessagesQuery.TryParsePosition(position, out var sentAt, out var key))
            {
                return PageCursors.Invalid;
            }

            query = query.Where(m => m.SentAt < sentAt || (m.SentAt == sentAt && m.Key < key));
        }

        var rows = await query
            .OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Key)
            .Take(request.Limit + 1)
            .Select(m => new { m.Key, m.PlatformId, m.ChannelId, m.AuthorId, m.AuthorName, m.Text, m.SentAt, m.ThreadId, m.EditedAt })
            .ToListAsync(cancellationToken);
        return Page<MessageDto>.FromRows(
            rows,
            request.Limit,
            m => new MessageDto(m.PlatformId, m.ChannelId, new MessageAuthorDto(m.AuthorId, m.AuthorName), m.Text, m.SentAt, m.ThreadId, m.EditedAt),
            m => cursors.Issue(scope, GetMessagesQuery.PositionOf(m.SentAt, m.Key)));
    }
}
