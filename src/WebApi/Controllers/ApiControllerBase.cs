using Connections.Domain.Common;
using Connections.WebApi.Authentication;
using Connections.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Connections.WebApi.Controllers;

/// <summary>Thin controllers: send a message through the mediator, map its result. Every error is a problem body.</summary>
[ApiController]
[Authorize(Policy = Policies.Caller)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status500InternalServerError, "application/problem+json")]
public abstract class ApiControllerBase : ControllerBase
{
    private IMediator? _mediator;

    protected IMediator Mediator => _mediator ??= HttpContext.RequestServices.GetRequiredService<IMediator>();

    /// <summary>Maps a failed result onto its problem response.</summary>
    protected ObjectResult Problem(Error error) => ProblemMapping.ToActionResult(error, HttpContext);

    /// <summary>
    /// The URL of a named route for a <c>Location</c> or <c>Link</c> header: relative, or absolute on the configured
    /// public base URL — never built from the request's <c>Host</c> header (see <see cref="PublicUrls"/>).
    /// </summary>
    protected string RouteLink(string routeName, object? values) =>
        PublicUrls.For(HttpContext, Url.RouteUrl(routeName, values) ?? throw new InvalidOperationException($"No route named {routeName}."));

    /// <summary>200 with the value, or the problem.</summary>
    protected ActionResult<T> OkOrProblem<T>(Result<T> result) => result.IsSuccess ? Ok(result.Value) : Problem(result.Error);
}
