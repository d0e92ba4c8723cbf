using System.Security.Claims;
using System.Text.Encodings.Web;
using Connections.Application.ApiKeys.Common;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.WebApi.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Connections.WebApi.Authentication;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>. The key's id finds the stored hash, the secret is compared in constant
/// time. A missing or invalid key is 401 with <c>WWW-Authenticate: Bearer</c> and a problem body; a known caller
/// without the needed role is 403.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string RoleClaim = ClaimTypes.Role;
    public const string EmailClaim = ClaimTypes.Email;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 512)
        {
            return AuthenticateResult.Fail("Unsupported authorization scheme.");
        }

        var key = await authenticator.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, key.Id),
                new Claim(EmailClaim, key.Email),
                new Claim(RoleClaim, key.Role.ToString().ToLowerInvariant()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(ProblemCodes.Unauthorized, "A valid API key is required: send 'Authorization: Bearer <api key>'.");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await WriteProblemAsync(ProblemCodes.Forbidden, "Your API key's role does not allow this operation.");
    }

    private Task WriteProblemAsync(string code, string detail) =>
        problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = Response.StatusCode, Detail = detail, Extensions = { ["code"] = code } },
        }).AsTask();
}

/// <summary>The caller of the current HTTP request, from the API key's claims.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public string? Email => accessor.HttpContext?.User.FindFirst(ApiKeyAuthenticationHandler.EmailClaim)?.Value;

    public CallerRole? Role =>
        Enum.TryParse<CallerRole>(accessor.HttpContext?.User.FindFirst(ApiKeyAuthenticationHandler.RoleClaim)?.Value, ignoreCase: true, out var role)
            ? role
            : null;
}

/// <summary>Authorization policies by role.</summary>
public static class Policies
{
    /// <summary>Any authenticated caller (member, owner, application).</summary>
    public const string Caller = "caller";

    /// <summary>Owners and applications: organization-wide configuration.</summary>
    public const string OwnerOrApplication = "owner-or-application";
}
