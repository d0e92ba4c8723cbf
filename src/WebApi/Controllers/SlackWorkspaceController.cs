using Connections.Application.SlackWorkspaces.Commands.ConfigureSlackWorkspace;
using Connections.Application.SlackWorkspaces.Commands.DeleteSlackWorkspace;
using Connections.Application.SlackWorkspaces.Commands.UpdateSlackWorkspace;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspace;
using Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspaceAudit;
using Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspaces;
using Connections.Application.SlackWorkspaces.Queries.TestSlackWorkspace;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Connections.WebApi.Controllers;

/// <summary>
/// The organization's Slack app: one configuration (bot token, app-level token, signing secret) per Slack team, one
/// active at a time. Every role reads the active one and tests it; only owners and applications change anything
/// (403 <c>OWNER_ROLE_REQUIRED</c> otherwise). Secrets are never returned, only <c>has_*</c> flags.
/// </summary>
[Route("sfp/api/slack")]
public sealed class SlackWorkspaceController : ApiControllerBase
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>Gets the active configuration, with its <c>ETag</c> for a later <c>If-Match</c>.</summary>
    [HttpGet("workspace", Name = "GetSlackWorkspace")]
    [ProducesResponseType<SlackWorkspaceDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<SlackWorkspaceDto>> Get(CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(new GetSlackWorkspaceQuery(), cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        Response.Headers.ETag = result.Value.ETag;
        return Ok(result.Value);
    }

    /// <summary>Creates or replaces the configuration of a team and makes it the active one (owner or application).</summary>
    /// <remarks>
    /// The bot token must pass <c>auth.test</c> for the same <c>team_id</c> and the app-level token must open a Socket Mode
    /// connection; nothing is saved otherwise. <c>app_id</c> and <c>bot_user_id</c> are taken from Slack when omitted.
    /// 201 for a team configured for the first time, 200 when its configuration is replaced.
    /// </remarks>
    [HttpPost("workspace", Name = "ConfigureSlackWorkspace")]
    [Consumes("application/json")]
    [ProducesResponseType<SlackWorkspaceSavedDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<SlackWorkspaceSavedDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status502BadGateway, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, ProblemJson)]
    public async Task<ActionResult<SlackWorkspaceSavedDto>> Configure(ConfigureSlackWorkspaceCommand command, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(command, cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        Response.Headers.ETag = result.Value.ETag;
        return result.Value.Created
            ? Created(RouteLink("GetSlackWorkspace", null), result.Value.Body)
            : Ok(result.Value.Body);
    }

    /// <summary>Changes the active configuration's team name or secrets (owner or application).</summary>
    /// <remarks>
    /// New tokens are checked on Slack before they replace the old ones. Send <c>If-Match</c> with the <c>ETag</c> from
    /// GET to make sure nobody changed it meanwhile: a stale one answers 412 and changes nothing.
    /// </remarks>
    [HttpPatch("workspace", Name = "UpdateSlackWorkspace")]
    [Consumes("application/json")]
    [ProducesResponseType<SlackWorkspaceSavedDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status502BadGateway, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, ProblemJson)]
    public async Task<ActionResult<SlackWorkspaceSavedDto>> Update(UpdateSlackWorkspaceRequest body, CancellationToken cancellationToken)
    {
        var result = await Mediator.Send(body.ToCommand(IfMatch()), cancellationToken);
        if (result.IsFailure)
        {
            return Problem(result.Error);
        }

        Response.Headers.ETag = result.Value.ETag;
        return Ok(result.Value.Body);
    }

    /// <summary>Deletes a team's configuration with its secrets: <c>team_id</c>'s, or the active one (owner or application).</summary>
    [HttpDelete("workspace", Name = "DeleteSlackWorkspace")]
    [ProducesResponseType<SlackWorkspaceDeletedDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<SlackWorkspaceDeletedDto>> Delete([FromQuery(Name = "team_id")] string? teamId, CancellationToken cancellationToken) =>
        OkOrProblem(await Mediator.Send(new DeleteSlackWorkspaceCommand(teamId), cancellationToken));

    /// <summary>Tests the active configuration live on Slack; a failure is <c>{success: false, error, code}</c>.</summary>
    [HttpGet("test", Name = "TestSlackWorkspace")]
    [ProducesResponseType<SlackWorkspaceTestDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ProblemJson)]
    public async Task<ActionResult<SlackWorkspaceTestDto>> Test(CancellationToken cancellationToken) =>
        OkOrProblem(await Mediator.Send(new TestSlackWorkspaceQuery(), cancellationToken));

    /// <summary>Lists every configured team, or only the active one (owner or application).</summary>
    [HttpGet("workspaces", Name = "ListSlackWorkspaces")]
    [ProducesResponseType<IReadOnlyList<SlackWorkspaceDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ProblemJson)]
    public async Task<ActionResult<IReadOnlyList<SlackWorkspaceDto>>> List([FromQuery(Name = "active_only")] bool activeOnly = false, CancellationToken cancellationToken = default) =>
        OkOrProblem(await Mediator.Send(new GetSlackWorkspacesQuery(activeOnly), cancellationToken));

    /// <summary>The audit trail of configuration writes, newest first (owner or application).</summary>
    /// <remarks>Who (<c>actor</c>, <c>actor_role</c>), what (<c>action</c>, <c>changed_fields</c> — names only, never values) and when.</remarks>
    [HttpGet("workspace/audit", Name = "GetSlackWorkspaceAudit")]
    [ProducesResponseType<IReadOnlyList<SlackWorkspaceAuditEntryDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ProblemJson)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, ProblemJson)]
    public async Task<ActionResult<IReadOnlyList<SlackWorkspaceAuditEntryDto>>> Audit(
        [FromQuery(Name = "team_id")] string? teamId,
        [FromQuery] int limit = GetSlackWorkspaceAuditQuery.DefaultLimit,
        CancellationToken cancellationToken = default) =>
        OkOrProblem(await Mediator.Send(new GetSlackWorkspaceAuditQuery(teamId, limit), cancellationToken));

    /// <summary>
    /// The <c>If-Match</c> entity tags as sent (<c>"…"</c>, <c>W/"…"</c> or <c>*</c>); null without the header. An empty
    /// header carries no condition (generated clients send one for an omitted optional header), so it counts as absent.
    /// </summary>
    private List<string>? IfMatch()
    {
        if (!Request.Headers.TryGetValue(HeaderNames.IfMatch, out var values) || values.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        return Request.GetTypedHeaders().IfMatch
            .Select(tag => tag.Equals(EntityTagHeaderValue.Any) ? "*" : tag.IsWeak ? $"W/{tag.Tag}" : tag.Tag.ToString())
            .ToList();
    }
}
