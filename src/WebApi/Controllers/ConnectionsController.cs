using Connections.Application.Connections.Commands.CreateConnection;
using Connections.Application.Connections.Commands.DeleteConnection;
using Connections.Application.Connections.Commands.RefreshChannels;
using Connections.Application.Connections.Commands.UpdateChannelSelection;
using Connections.Application.Connections.Commands.UpdateConnection;
using Connections.Application.Connections.Commands.ValidateConnection;
using Connections.Application.Connections.Common;
using Connections.Application.Connections.Queries.GetChannels;
using Connections.Application.Connections.Queries.GetConnection;
using Connections.Application.Connections.Queries.GetConnections;
using Connections.Application.Connections.Commands.DisconnectConnection;
using Connections.Application.Messages.Common;
using Connections.Application.Messages.Queries.GetMessages;
using Connections.Application.Syncs.Commands.QueueSync;
using Connections.Application.Syncs.Common;
using Connections.Application.Syncs.Queries.GetSyncRun;
using Connections.Application.Syncs.Queries.GetSyncRuns;
using Connections.WebApi.Infrastructure;
using Connections.WebApi.Idempotency;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Connections.WebApi.Controllers;

/// <summary>Slack and Discord connections: create, inspect, validate, choose channels.</summary>
[Route("api/connections")]
public sealed class ConnectionsController : ApiControllerBase
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>Lists the connections you can see, newest first.</summary>
    /// <remarks>The body is an array; when more follow, a <c>Link: &lt;…&gt;; rel="next"</c> header carries the next page's URL.</remarks>
    [HttpGet(Name = "ListConnections")]
    [ProducesResponseType<IReadOnlyList<ConnectionDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    public async Task<ActionResult<IReadOnlyList<ConnectionDto>>> List(
        [FromQuery] string? platform,
        [FromQuery] string? status,
        [FromQuery] int limit = GetConnectionsQuery.DefaultLimit,
        [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var result = await Mediator.Send(new GetConnectionsQuery(platform, status, limit, cursor), cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        SetNextLink(result.Value.NextCursor, "ListConnections", new { platform, status, limit });

        return Ok(result.Value.Items);
    }

    /// <summary>Gets one connection with its settings, and its <c>ETag</c> for a later <c>If-Match</c>.</summary>
    [HttpGet("{id}", Name = "GetConnection")]
    [ProducesResponseType<ConnectionDetailDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<ConnectionDetailDto>> Get(string id, CancellationToken cancellationToken) =>
        DetailOrProblem(await Mediator.Send(new GetConnectionQuery(id), cancellationToken));

    /// <summary>Creates a connection after checking its credentials on the platform.</summary>
    /// <remarks>Nothing is saved unless the platform accepts the credentials.</remarks>
    [HttpPost(Name = "CreateConnection")]
    [EnableRateLimiting(RateLimits.PlatformQuota)]
    [Idempotent]
    [Consumes("application/json")]
    [ProducesResponseType<ConnectionCreatedDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status502BadGateway, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, ProblemJson)]
    public async Task<ActionResult<ConnectionCreatedDto>> Create(CreateConnectionCommand command, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(command, cancellationToken);
        return result.IsSuccess
            ? Created(RouteLink("GetConnection", new { id = result.Value.Id }), result.Value)
            : Problem(result.Error);
    }

    /// <summary>Changes the name, credentials or settings; new credentials are checked before they replace the old.</summary>
    /// <remarks>With <c>If-Match</c> (the <c>ETag</c> from GET, or <c>*</c>) a connection changed meanwhile is left alone: 412.</remarks>
    [HttpPut("{id}", Name = "UpdateConnection")]
    [Consumes("application/json")]
    [ProducesResponseType<ConnectionDetailDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status502BadGateway, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, ProblemJson)]
    public async Task<ActionResult<ConnectionDetailDto>> Update(string id, UpdateConnectionRequest body, CancellationToken cancellationToken) =>
        DetailOrProblem(await Mediator.Send(body.ToCommand(id, ConnectionETags.IfMatch(Request)), cancellationToken));

    /// <summary>Deletes a connection with its credentials, channels and selection.</summary>
    /// <remarks>With <c>If-Match</c> (the <c>ETag</c> from GET, or <c>*</c>) a connection changed meanwhile is left alone: 412.</remarks>
    [HttpDelete("{id}", Name = "DeleteConnection")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ProblemJson)]
    public async Task<IActionResult> Delete(string id, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new DeleteConnectionCommand(id, ConnectionETags.IfMatch(Request)), cancellationToken);
        return result.IsSuccess ? NoContent() : Problem(result.Error);
    }

    /// <summary>Checks the stored credentials on the platform and diagnoses any failure.</summary>
    [HttpPost("{id}/validate", Name = "ValidateConnection")]
    [EnableRateLimiting(RateLimits.PlatformQuota)]
    [ProducesResponseType<ValidationOutcomeDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<ValidationOutcomeDto>> Validate(string id, CancellationToken cancellationToken) =>
        OkOrProblem(await Mediator.Send(new ValidateConnectionCommand(id), cancellationToken));

    /// <summary>Lists the stored channel catalog; <c>refresh=true</c> rediscovers it on the platform first.</summary>
    [HttpGet("{id}/channels", Name = "ListChannels")]
    [EnableRateLimiting(RateLimits.PlatformQuota)]
    [ProducesResponseType<IReadOnlyList<ChannelDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status502BadGateway, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, ProblemJson)]
    public async Task<ActionResult<IReadOnlyList<ChannelDto>>> Channels(string id, [FromQuery] bool refresh = false, CancellationToken cancellationToken = default)
    {
        if (refresh)
        {
            var refreshed = await Mediator.Send(new RefreshChannelsCommand(id), cancellationToken);
            if (refreshed.IsFailure)
            {
                return Problem(refreshed.Error);
            }
        }

        return OkOrProblem(await Mediator.Send(new GetChannelsQuery(id), cancellationToken));
    }

    /// <summary>Chooses which channels to sync.</summary>
    /// <remarks>With <c>If-Match</c> (the <c>ETag</c> from GET, or <c>*</c>) a connection changed meanwhile is left alone: 412.</remarks>
    [HttpPut("{id}/channels", Name = "UpdateChannelSelection")]
    [Consumes("application/json")]
    [ProducesResponseType<IReadOnlyList<ChannelDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, ProblemJson)]
    public async Task<ActionResult<IReadOnlyList<ChannelDto>>> SelectChannels(string id, UpdateChannelSelectionRequest body, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(body.ToCommand(id, ConnectionETags.IfMatch(Request)), cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        Response.Headers.ETag = ConnectionETags.For(result.Value.Version);
        return Ok(result.Value.Channels);
    }

    /// <summary>Stops syncing the connection; credentials are kept and a successful validate reconnects it.</summary>
    [HttpPost("{id}/disconnect", Name = "DisconnectConnection")]
    [ProducesResponseType<ConnectionDetailDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<ConnectionDetailDto>> Disconnect(string id, CancellationToken cancellationToken) =>
        DetailOrProblem(await Mediator.Send(new DisconnectConnectionCommand(id), cancellationToken));

    /// <summary>Queues a sync of the selected channels now; the run is processed in the background.</summary>
    [HttpPost("{id}/sync", Name = "StartSync")]
    [EnableRateLimiting(RateLimits.PlatformQuota)]
    [Idempotent]
    [ProducesResponseType<SyncRunDto>(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ProblemJson)]
    public async Task<ActionResult<SyncRunDto>> StartSync(string id, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new QueueSyncCommand(id), cancellationToken);
        return result.IsSuccess
            ? Accepted(RouteLink("GetSync", new { id, runId = result.Value.Id }), result.Value)
            : Problem(result.Error);
    }

    /// <summary>Lists the connection's sync runs, newest first (next page in the Link header).</summary>
    [HttpGet("{id}/syncs", Name = "ListSyncs")]
    [ProducesResponseType<IReadOnlyList<SyncRunDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<IReadOnlyList<SyncRunDto>>> ListSyncs(
        string id,
        [FromQuery] int limit = GetSyncRunsQuery.DefaultLimit,
        [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var result = await Mediator.Send(new GetSyncRunsQuery(id, limit, cursor), cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        SetNextLink(result.Value.NextCursor, "ListSyncs", new { id, limit });
        return Ok(result.Value.Items);
    }

    /// <summary>Gets one sync run with its per-channel outcome.</summary>
    [HttpGet("{id}/syncs/{runId}", Name = "GetSync")]
    [ProducesResponseType<SyncRunDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<SyncRunDto>> GetSync(string id, string runId, CancellationToken cancellationToken) =>
        OkOrProblem(await Mediator.Send(new GetSyncRunQuery(id, runId), cancellationToken));

    /// <summary>Lists stored messages, newest first; <c>q</c> searches the text case-insensitively.</summary>
    [HttpGet("{id}/messages", Name = "ListMessages")]
    [ProducesResponseType<IReadOnlyList<MessageDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<IReadOnlyList<MessageDto>>> ListMessages(
        string id,
        [FromQuery(Name = "channel_id")] string? channelId,
        [FromQuery] DateTimeOffset? since,
        [FromQuery] DateTimeOffset? until,
        [FromQuery] string? q,
        [FromQuery] int limit = GetMessagesQuery.DefaultLimit,
        [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var result = await Mediator.Send(new GetMessagesQuery(id, channelId, since, until, q, limit, cursor), cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        SetNextLink(result.Value.NextCursor, "ListMessages", new
        {
            id,
            channel_id = channelId,
            since = since?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            until = until?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            q,
            limit,
        });
        return Ok(result.Value.Items);
    }

    /// <summary>200 with the detail and its <c>ETag</c> (so a client can chain writes), or the problem.</summary>
    private ActionResult<ConnectionDetailDto> DetailOrProblem(Domain.Common.Result<ConnectionDetailDto> result)
    {
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        Response.Headers.ETag = ConnectionETags.For(result.Value.Version);
        return Ok(result.Value);
    }

    private void SetNextLink(string? nextCursor, string routeName, object values)
    {
        if (nextCursor is null)
        {
            return;
        }

        var route = new RouteValueDictionary(values) { ["cursor"] = nextCursor };
        Response.Headers.Link = $"<{RouteLink(routeName, route)}>; rel=\"next\"";
    }
}
