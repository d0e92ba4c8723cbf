using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using FluentValidation;
using MediatR;

namespace Connections.Application.Connections.Commands.UpdateConnection;

/// <summary>
/// Changes any of a connection's name, credentials and settings. New credentials are merged over the stored ones
/// and checked on the platform before they replace them: a bad rotation changes nothing. With
/// <paramref name="IfMatch"/> a connection changed since the caller read it is left alone (412).
/// </summary>
public sealed record UpdateConnectionCommand(
    string Id,
    string? Name,
    CredentialsInput? Credentials,
    SettingsInput? Settings,
    VersionCondition? IfMatch = null) : IRequest<Result<ConnectionDetailDto>>;

/// <summary>The body of <c>PUT /api/connections/{id}</c>: any of name, credentials, settings.</summary>
public sealed record UpdateConnectionRequest(string? Name, CredentialsInput? Credentials, SettingsInput? Settings)
{
    public UpdateConnectionCommand ToCommand(string id, VersionCondition? ifMatch = null) => new(id, Name, Credentials, Settings, ifMatch);
}

public sealed class UpdateConnectionCommandHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    PlatformProber prober,
    CredentialsVault vault,
    TimeProvider clock) : IRequestHandler<UpdateConnectionCommand, Result<ConnectionDetailDto>>
{
    public async Task<Result<ConnectionDetailDto>> Handle(UpdateConnectionCommand request, CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(currentUser, request.Id, request.IfMatch, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var connection = found.Value;
        if (request.Credentials is not null && CredentialChecks.Check(connection.Platform, request.Credentials, required: false) is { } invalid)
        {
            return invalid;
        }

        var now = clock.GetUtcNow();
        if (request.Name is not null)
        {
            var renamed = await RenameAsync(connection, request.Name, now, cancellationToken);
            if (renamed.IsFailure)
            {
                return renamed.Error;
            }
        }

        if (request.Settings is { } s)
        {
            var settings = connection.Settings.With(s.SyncIntervalMinutes, s.WikiEnabled, s.GraphEnabled);
            if (settings.IsFailure)
            {
                return settings.Error;
            }

            connection.ChangeSettings(settings.Value, now);
        }

        if (request.Credentials is { } input)
        {
            var stored = vault.Unprotect(connection.ProtectedCredentials);
            var rotated = new PlatformCredentials(
                input.BotToken ?? stored.BotToken,
                input.SigningSecret ?? stored.SigningSecret,
                input.GuildId ?? stored.GuildId);
            var probe = await prober.ProbeAsync(connection.Platform, rotated, previouslyValid: false, cancellationToken);
            if (probe.IsFailure)
            {
                return probe.Error;
            }

            var rotation = connection.RotateCredentials(vault.Protect(rotated), probe.Value.Identity.WorkspaceId, PlatformProber.ToDiscovered(probe.Value), now);
            if (rotation.IsFailure)
            {
                return rotation.Error;
            }
        }

        var saved = await db.SaveAsync(connection.Id, request.IfMatch, cancellationToken);
        return saved.IsFailure ? saved.Error : connection.ToDetailDto();
    }

    private async Task<Result> RenameAsync(Connection connection, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var normalized = ConnectionName.Normalize(name);
        if (normalized.IsFailure)
        {
            return normalized.Error;
        }

        if (await db.NameTakenAsync(connection.OwnerEmail, connection.Platform, normalized.Value, connection.Id, cancellationToken))
        {
            return ConnectionErrors.DuplicateName(connection.Platform, normalized.Value);
        }

        return connection.Rename(normalized.Value, now);
    }
}

public sealed class UpdateConnectionCommandValidator : AbstractValidator<UpdateConnectionCommand>
{
    public UpdateConnectionCommandValidator()
    {
        RuleFor(c => c)
            .Must(c => c.Name is not null || c.Credentials is not null || c.Settings is not null)
            .OverridePropertyName("body")
            .WithMessage("Provide at least one of name, credentials, settings.");
        When(c => c.Name is not null, () => RuleFor(c => c.Name).NameRules());
        RuleFor(c => c.Settings!).SetValidator(new SettingsInputValidator()).When(c => c.Settings is not null);
    }
}
