using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using MediatR;

namespace Connections.Application.Connections.Commands.ValidateConnection;

/// <summary>
/// Checks a connection's stored credentials on its platform. A rejection is an answer, not an error: the result is
/// <c>valid: false</c> with the diagnosis. Credential-class failures put the connection in <c>error</c>; transient
/// ones are reported and change nothing; success reconnects and refreshes the channel catalog.
/// </summary>
public sealed record ValidateConnectionCommand(string Id) : IRequest<Result<ValidationOutcomeDto>>;

public sealed class ValidateConnectionCommandHandler(
    IApplicationDbContext db,
    ICurrentUser currentUser,
    ConnectionChecker checker) : IRequestHandler<ValidateConnectionCommand, Result<ValidationOutcomeDto>>
{
    public async Task<Result<ValidationOutcomeDto>> Handle(ValidateConnectionCommand request, CancellationToken cancellationToken)
    {
        var found = await db.FindVisibleAsync(currentUser, request.Id, cancellationToken);
        if (found.IsFailure)
        {
            return found.Error;
        }

        var connection = found.Value;
        var check = await checker.CheckAsync(connection, cancellationToken);
        return check.IsSuccess
            ? new ValidationOutcomeDto(true, new ValidatedConnectionDto(connection.Id, connection.Status, connection.LastValidatedAt!.Value), null)
            : new ValidationOutcomeDto(false, null, ValidationFailureDto.From((PlatformError)check.Error));
    }
}
