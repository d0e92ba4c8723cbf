using Connections.Application.Common.Interfaces;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Connections.Domain.SlackWorkspaces;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.SlackWorkspaces.Queries.TestSlackWorkspace;

/// <summary>
/// Tests the active configuration live: the bot token with <c>auth.test</c> (it must still act in the configured
/// team) and the app-level token with Socket Mode's <c>apps.connections.open</c>. A failure is an answer, not an
/// error: <c>{success: false, error, code}</c> with one of the six connection error codes. Nothing is changed.
/// </summary>
public sealed record TestSlackWorkspaceQuery : IRequest<Result<SlackWorkspaceTestDto>>;

public sealed class TestSlackWorkspaceQueryHandler(IApplicationDbContext db, ISlackWorkspaceGateway gateway, ISecretProtector protector)
    : IRequestHandler<TestSlackWorkspaceQuery, Result<SlackWorkspaceTestDto>>
{
    public async Task<Result<SlackWorkspaceTestDto>> Handle(TestSlackWorkspaceQuery request, CancellationToken cancellationToken)
    {
        var workspace = await db.SlackWorkspaces.AsNoTracking().FirstOrDefaultAsync(w => w.IsActive, cancellationToken);
        if (workspace is null)
        {
            return SlackWorkspaceErrors.NoneActive();
        }

        var bot = await gateway.VerifyBotTokenAsync(protector.Unprotect(workspace.ProtectedBotToken), cancellationToken);
        if (bot.IsFailure)
        {
            return Failed(bot.Error);
        }

        if (bot.Value.TeamId != workspace.TeamId)
        {
            return Failed(new PlatformError(
                ConnectionErrorCode.InvalidCredentials,
                $"The bot token now acts in another Slack workspace ({bot.Value.TeamId}), not in team '{workspace.TeamId}'."));
        }

        var app = await gateway.VerifyAppTokenAsync(protector.Unprotect(workspace.ProtectedAppToken), cancellationToken);
        if (app.IsFailure)
        {
            return Failed(app.Error);
        }

        var name = bot.Value.TeamName ?? workspace.TeamName;
        return new SlackWorkspaceTestDto(
            true,
            $"Successfully connected to Slack workspace \"{name}\"",
            new SlackWorkspaceTestDetailsDto(name, bot.Value.BotName, bot.Value.BotId),
            Error: null,
            Code: null);
    }

    /// <summary>Platform failures become the answer; anything else (a bug) stays an error.</summary>
    private static Result<SlackWorkspaceTestDto> Failed(Error error) =>
        error is PlatformError platform
            ? new SlackWorkspaceTestDto(false, Message: null, Details: null, platform.Message, platform.Code)
            : error;
}
