namespace Connections.Application.Common.Security;

/// <summary>
/// Marks a request that configures the whole organization: only owners and applications may send it. Checked by
/// <see cref="Behaviors.AuthorizationBehavior{TRequest, TResponse}"/> before validation, so a member learns nothing
/// about the body's rules (and is never asked to fix a body they may not send anyway).
/// </summary>
public interface IRequireOwner;
