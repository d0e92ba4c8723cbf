using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Security;
using Connections.Domain.Common;
using MediatR;

namespace Connections.Application.Common.Behaviors;

/// <summary>
/// Refuses <see cref="IRequireOwner"/> requests from callers who are neither owner nor application with
/// <see cref="AccessErrors.OwnerRoleRequired"/> (403 <c>OWNER_ROLE_REQUIRED</c>), before validation and the handler.
/// </summary>
public sealed class AuthorizationBehavior<TRequest, TResponse>(ICurrentUser currentUser) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not IRequireOwner || currentUser.SeesEverything())
        {
            return next();
        }

        if (!ResultFailures.IsResultType(typeof(TResponse)))
        {
            throw new InvalidOperationException($"{typeof(TRequest).Name} requires an owner but cannot return a Result.");
        }

        return Task.FromResult(ResultFailures.Create<TResponse>(AccessErrors.OwnerRoleRequired()));
    }
}
