using Connections.Application.Webhooks.Commands.ReceiveSlackEvent;
using Connections.Domain.Common;
using Connections.WebApi.Infrastructure;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Connections.WebApi.Controllers;

/// <summary>Platform deliveries. No API key here: the request signature is the authentication.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/webhooks")]
public sealed class WebhooksController(IMediator mediator) : ControllerBase
{
    /// <summary>Slack Events API: answers url_verification, stores message events of synced channels.</summary>
    /// <remarks>Verifies <c>X-Slack-Signature</c> (v0 HMAC-SHA256 with the connection's signing secret) over the raw body; requests older than 5 minutes are refused.</remarks>
    [HttpPost("slack/events", Name = "ReceiveSlackEvent")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
    public async Task<IActionResult> SlackEvents(
        [FromHeader(Name = "X-Slack-Request-Timestamp")] string? timestamp,
        [FromHeader(Name = "X-Slack-Signature")] string? signature,
        CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, cancellationToken);
        var result = await mediator.Send(new ReceiveSlackEventCommand(buffer.ToArray(), timestamp, signature), cancellationToken);
        if (result.IsFailure)
        {
            return ProblemMapping.ToActionResult(result.Error, HttpContext);
        }

        return result.Value.Challenge is { } challenge ? Ok(new { challenge }) : Ok();
    }
}
