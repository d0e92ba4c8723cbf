using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using MediatR;

namespace Connections.Application.Connections.Commands.CreateConnection;

/// <summary>Connects a Slack workspace or Discord server. The credentials are checked on the platform before anything is saved.</summary>
/// <param name="Platform"><c>slack</c> or <c>discord</c>.</param>
/// <param name="Name">Display name, unique per owner and platform.</param>
/// <param name="Credentials">Slack <c>{bot_token, signing_secret}</c>, Discord <c>{bot_token, guild_id}</c>.</param>
/// <param name="Settings">Optional; defaults 240 / true / true.</param>
public sealed record CreateConnectionCommand(
    string? Platform,
    string? Name,
    CredentialsInput? Credentials,
    SettingsInput? Settings) : IRequest<Result<ConnectionCreatedDto>>;

public sealed class CreateConnectionCommandHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    PlatformProber prober,
    CredentialsVault vault,
    TimeProvider clock) : IRequestHandler<CreateConnectionCommand, Result<ConnectionCreatedDto>>
{
    public async Task<Result<ConnectionCreatedDto>> Handle(CreateConnectionCommand request, CancellationToken cancellationToken)
    {
        if (!CredentialRules.TryParsePlatform(request.Platform, out var platform))
        {
            throw new InvalidOperationException("The validator lets only known platforms through.");
        }

        var name = ConnectionName.Normalize(request.Name).Value;
        var owner = currentUser.RequireEmail();
        var settings = ConnectionSettings.Default.With(
            request.Settings?.SyncIntervalMinutes, request.Settings?.WikiEnabled, request.Settings?.GraphEnabled);
        if (settings.IsFailure)
        {
            return settings.Error;
        }

        if (await db.NameTakenAsync(owner, platform, name, exceptId: null, cancellationToken))
        {
            return ConnectionErrors.DuplicateName(platform, name);
        }

        var credentials = new PlatformCredentials(request.Credentials!.BotToken!, request.Credentials.SigningSecret, request.Credentials.GuildId);
        var probe = await prober.ProbeAsync(platform, credentials, previouslyValid: false, cancellationToken);
        if (probe.IsFailure)
        {
            return probe.Error;
        }

        var connection = Connection.Create(
            platform,
            name,
            owner,
            vault.Protect(credentials),
            probe.Value.Identity.WorkspaceId,
            settings.Value,
            PlatformProber.ToDiscovered(probe.Value),
            clock.GetUtcNow());
        db.Connections.Add(connection);
        await db.SaveChangesAsync(cancellationToken);
        return connection.ToCreatedDto();
    }
}
