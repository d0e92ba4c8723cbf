using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;

namespace Connections.Application.Connections.Commands.UpdateChannelSelection;

/// <summary>
/// Chooses which channels to sync: exactly <see cref="ChannelIds"/>, or with <see cref="SyncAll"/> every current and
/// future channel (then no ids may be given).
/// </summary>
public sealed record UpdateChannelSelectionCommand(string Id, IReadOnlyList<string>? ChannelIds, bool SyncAll)
    : IRequest<Result<IReadOnlyList<ChannelDto>>>
{
    public const int MaxChannelIds = 5000;
}

/// <summary>The body of <c>PUT /api/connections/{id}/channels</c>.</summary>
public sealed record UpdateChannelSelectionRequest(IReadOnlyList<string>? ChannelIds, bool SyncAll)
{
    public UpdateChannelSelectionCommand ToCommand(string id) => new(id, ChannelIds, SyncAll);
}

public sealed class UpdateChannelSelectionCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<UpdateChannelSelectionCommand, Result<IReadOnlyList<ChannelDto>>>
{
    public async Task<Result<IReadOnlyList<ChannelDto>>> Handle(UpdateChannelSelectionCommand request, CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(currentUser, request.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var selected = found.Value.SelectChannels(request.ChannelIds ?? [], request.SyncAll, clock.GetUtcNow());
        if (selected.IsFailure)
        {
            return selected.Error;
        }

        await db.SaveChangesAsync(cancellationToken);
        return found.Value.Channels.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.ToDto()).ToList();
    }
}

public sealed class UpdateChannelSelectionCommandValidator : AbstractValidator<UpdateChannelSelectionCommand>
{
    public UpdateChannelSelectionCommandValidator()
    {
        RuleFor(c => c.ChannelIds)
            .Must(ids => ids is null || ids.Count <= UpdateChannelSelectionCommand.MaxChannelIds)
            .WithMessage($"At most {UpdateChannelSelectionCommand.MaxChannelIds} ids.");
        RuleFor(c => c.ChannelIds)
            .Must(ids => ids is null || ids.All(id => !string.IsNullOrWhiteSpace(id) && id.Length <= 64))
            .WithMessage("Ids must be non-empty strings of at most 64 characters.");
        RuleFor(c => c.ChannelIds)
            .Must(ids => ids is null || ids.Count == 0)
            .When(c => c.SyncAll)
            .WithMessage("Must be empty when sync_all is true: sync_all selects every channel.");
    }
}
