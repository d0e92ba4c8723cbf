namespace Connections.Domain.Common;

/// <summary>Failures of the caller's role, shared by every organization-wide feature.</summary>
public static class AccessErrors
{
    /// <summary>The operation configures the organization: only owners (and applications acting for it) may.</summary>
    public static Error OwnerRoleRequired() => Error.Forbidden("OWNER_ROLE_REQUIRED", "Owner role required");
}
