using Connections.Domain.Common;

namespace Connections.Application.Common.Interfaces;

/// <summary>The authenticated caller of the current request.</summary>
public interface ICurrentUser
{
    /// <summary>The principal's email, lower case; null when nobody is authenticated (e.g. the command line).</summary>
    string? Email { get; }

    CallerRole? Role { get; }
}

public static class CurrentUserExtensions
{
    /// <summary>Owners and applications act for the whole organization; members only for themselves.</summary>
    public static bool SeesEverything(this ICurrentUser user) =>
        user.Role is CallerRole.Owner or CallerRole.Application;

    public static string RequireEmail(this ICurrentUser user) =>
        user.Email ?? throw new InvalidOperationException("This operation needs an authenticated caller.");
}
