using System.Text.Json;
using Connections.FakePlatforms.Hosting;

namespace Connections.FakePlatforms.Slack;

public static class FakeSlackEndpoints
{
    /// <summary>Maps <c>GET|POST /slack/api/{method}</c>.</summary>
    public static IEndpointRouteBuilder MapFakeSlack(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(FakePlatformsApp.SlackApiPath + "{method}", [HttpMethods.Get, HttpMethods.Post], HandleAsync);
        return endpoints;
    }

    /// <summary>The one place Slack decides who is calling and how to answer.</summary>
    private static async Task<IResult> HandleAsync(
        string method, HttpContext context, FakePlatformState state, SlackData data, SlackHistoryStore history)
    {
        var request = await SlackRequest.ReadAsync(context.Request, context.RequestAborted);
        var token = request.Token;
        context.Outcome().Token = token;

        var slackMethod = SlackMethods.Find(method);
        var revoked = token is not null && state.IsRevoked(FakePlatform.Slack, token);
        var scenario = token is null || revoked ? null : SlackScenarios.Resolve(token);
        context.Response.Headers["x-oauth-scopes"] = scenario?.Scopes ?? "";
        context.Response.Headers["x-accepted-oauth-scopes"] = slackMethod?.AcceptedScopes ?? "";

        if (slackMethod is null)
        {
            return Answer(context, new SlackErrorResponse("unknown_method"));
        }

        if (request.BodyError is not null)
        {
            return Answer(context, new SlackErrorResponse(request.BodyError));
        }

        if (token is null)
        {
            return Answer(context, new SlackErrorResponse("not_authed"));
        }

        if (revoked)
        {
            return Answer(context, new SlackErrorResponse("token_revoked"));
        }

        if (scenario is null)
        {
            return Answer(context, new SlackErrorResponse("invalid_auth"));
        }

        var fault = await Faults.ApplyAsync(scenario.Fault, FakePlatform.Slack, token, state, context);
        if (fault != FaultKind.None)
        {
            return Fault(context, fault);
        }

        if (scenario.Error is not null)
        {
            return Answer(context, new SlackErrorResponse(scenario.Error));
        }

        if (scenario.Kind != slackMethod.TokenKind)
        {
            return Answer(context, new SlackErrorResponse("not_allowed_token_type"));
        }

        var answer = slackMethod.Handle(new SlackCall(scenario, data[scenario.Workspace], request, token, history));
        if (slackMethod.ReadsHistory && scenario.RevokeAfterHistoryCalls is { } revokeAfter
            && state.Increment(FakePlatform.Slack, token, "history") >= revokeAfter)
        {
            state.Revoke(FakePlatform.Slack, token);
        }

        return Answer(context, answer);
    }

    /// <summary>Slack's normal answer: HTTP 200 with JSON, success or not.</summary>
    private static IResult Answer(HttpContext context, SlackResponse response, int statusCode = StatusCodes.Status200OK)
    {
        if (response is SlackErrorResponse error)
        {
            context.Outcome().Error = error.Error;
        }

        if (response is SlackRateLimitedResponse rateLimited)
        {
            context.Outcome().Error = rateLimited.Error;
            context.Response.Headers.RetryAfter = rateLimited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            statusCode = StatusCodes.Status429TooManyRequests;
        }

        return Results.Text(
            JsonSerializer.Serialize(response, response.GetType(), FakeJson.Slack),
            "application/json; charset=utf-8",
            statusCode: statusCode);
    }

    private static IResult Fault(HttpContext context, FaultKind fault)
    {
        switch (fault)
        {
            case var _ when fault.IsRateLimit():
                context.Response.Headers.RetryAfter = fault == FaultKind.RateLimitedOnce ? "1" : "120";
                return Answer(context, new SlackErrorResponse("ratelimited"), StatusCodes.Status429TooManyRequests);

            case FaultKind.Garbage:
                context.Outcome().Error = "garbage";
                return Results.Text("<html><body><h1>Slack is having trouble</h1></body></html>", "text/html");

            default:
                var status = fault == FaultKind.ServerErrorOnce ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;
                context.Outcome().Error = $"http_{status}";
                return Results.Text(
                    $"<html><head><title>{status} Server Error</title></head><body><h1>Slack is temporarily unavailable</h1></body></html>",
                    "text/html",
                    statusCode: status);
        }
    }
}
