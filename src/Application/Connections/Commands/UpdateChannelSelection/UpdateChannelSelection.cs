using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using FluentValidation;
using MediatR;

namespace Connections.Application.Connections.Commands.UpdateChannelSelection;

/// <summary>
/// Chooses which channels to sync: exactly <see cref="ChannelIds"/>, or with <see cref="SyncAll"/> every current and
/// future channel (then no ids may be given). With <paramref name="IfMatch"/> a connection changed since the caller
/// read it is left alone (412).
/// </summary>
public sealed record UpdateChannelSelectionCommand(string Id, IReadOnlyList<string>? ChannelIds, bool SyncAll, VersionCondition? IfMatch = null)
    : IRequest<Result<ChannelSelectionDto>>
{
    public const int MaxChannelIds = 5000;
}

/// <summary>The body of <c>PUT /api/connections/{id}/channels</c>.</summary>
public sealed record UpdateChannelSelectionRequest(IReadOnlyList<string>? ChannelIds, bool SyncAll)
{
    public UpdateChannelSelectionCommand ToCommand(string id, VersionCondition? ifMatch = null) => new(id, ChannelIds, SyncAll, ifMatch);
}

public sealed class UpdateChannelSelectionCommandHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<UpdateChannelSelectionCommand, Result<ChannelSelectionDto>>
{
    public async Task<Result<ChannelSelectionDto>> Handle(UpdateChannelSelectionCommand request, CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(currentUser, request.Id, request.IfMatch, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var selected = found.Value.SelectChannels(request.ChannelIds ?? [], request.SyncAll, clock.GetUtcNow());
        if (selected.IsFailure)
        {
            return selected.Error;
        }

        var saved = await db.SaveAsync(request.Id, request.IfMatch, cancellationToken);
        if (saved.IsFailure)
        {
            return saved.Error;
        }

        var channels = found.Value.Channels.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => c.ToDto()).ToList();
        return new ChannelSelectionDto(channels, found.Value.Version);
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
