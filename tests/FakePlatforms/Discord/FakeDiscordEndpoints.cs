using System.Text.Json;
using Connections.FakePlatforms.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using D = Connections.FakePlatforms.FakeTokens.Discord;

namespace Connections.FakePlatforms.Discord;

public static class FakeDiscordEndpoints
{
    private const string BotScheme = "Bot ";

    /// <summary>Maps the Discord REST routes under <c>/discord/api/v10/</c>.</summary>
    public static IEndpointRouteBuilder MapFakeDiscord(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(FakePlatformsApp.DiscordApiPath.TrimEnd('/'));

        var authenticated = api.MapGroup("").AddEndpointFilter(AuthenticateAsync);
        authenticated.MapGet("users/@me", () => Ok(DiscordUserDto.BotUser));
        authenticated.MapGet("applications/@me", GetApplication);
        authenticated.MapGet("guilds/{guildId}", GetGuild);
        authenticated.MapGet("guilds/{guildId}/channels", GetGuildChannels);
        authenticated.MapGet("guilds/{guildId}/members/{userId}", GetGuildMember);
        authenticated.MapGet("channels/{channelId}/messages", GetChannelMessages);

        // Discord routes before it authenticates: an unknown route is 404 whatever the token.
        api.Map("{**path}", (HttpContext context) =>
        {
            context.Outcome().Token = ReadToken(context.Request, out _);
            return Error(context, StatusCodes.Status404NotFound, "404: Not Found", 0);
        });
        return endpoints;
    }

    private static IResult GetApplication(HttpContext context) => Ok(new DiscordApplicationDto(
        D.ApplicationId,
        "Connections",
        null,
        "Connects Slack and Discord.",
        BotPublic: false,
        BotRequireCodeGrant: false,
        Caller(context).ApplicationFlags,
        DiscordUserDto.BotUser));

    private static IResult GetGuild(
        string guildId, [FromQuery(Name = "with_counts")] string? withCounts, HttpContext context, DiscordData data) =>
        WithGuild(context, data, guildId, guild => Ok(DiscordGuildDto.From(guild, withCounts is "true" or "True" or "1")));

    private static IResult GetGuildChannels(string guildId, HttpContext context, DiscordData data) =>
        WithGuild(context, data, guildId, guild => Ok(guild.Channels.Select(c => DiscordChannelDto.From(c, guild)).ToList()));

    private static IResult GetGuildMember(string guildId, string userId, HttpContext context, DiscordData data) =>
        WithGuild(context, data, guildId, guild => userId == D.BotUserId
            ? Ok(new DiscordMemberDto(DiscordUserDto.BotUser, null, null, guild.BotRoleIds, DiscordData.JoinedAt, false, false, 0, false))
            : Error(context, StatusCodes.Status404NotFound, "Unknown Member", 10007));

    /// <summary>
    /// <c>GET channels/{id}/messages</c>: <c>before</c> | <c>after</c> | <c>around</c> (one of them; <c>around</c>
    /// includes the message itself), <c>limit</c> 1–100 (default 50), newest first. Unknown channel → 404 10003; a
    /// channel the bot cannot view → 403 50001; without READ_MESSAGE_HISTORY → 200 <c>[]</c>.
    /// </summary>
    private static IResult GetChannelMessages(
        string channelId, HttpContext context, DiscordData data, DiscordHistoryStore history, FakePlatformState state)
    {
        var scenario = Caller(context);
        var token = context.Outcome().Token!;
        var answer = ChannelMessages(channelId, context, data, history, token, scenario);
        if (scenario.RevokeAfterMessageCalls is { } revokeAfter && state.Increment(FakePlatform.Discord, token, "messages") >= revokeAfter)
        {
            state.Revoke(FakePlatform.Discord, token);
        }

        return answer;
    }

    private static IResult ChannelMessages(
        string channelId, HttpContext context, DiscordData data, DiscordHistoryStore history, string token, DiscordScenario scenario)
    {
        if (!data.TryFindChannel(channelId, out var guild, out var channel))
        {
            return Error(context, StatusCodes.Status404NotFound, "Unknown Channel", 10003);
        }

        var permissions = DiscordData.BotPermissionsIn(guild, channel);
        if ((permissions & DiscordPermissions.ViewChannel) == 0)
        {
            return Error(context, StatusCodes.Status403Forbidden, "Missing Access", 50001);
        }

        if (channel.History == DiscordHistoryKind.RateLimited)
        {
            return RateLimited(context, FakeHistory.Discord.RateLimitedRetryAfterSeconds);
        }

        var query = context.Request.Query;
        var limit = 50;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return Error(context, StatusCodes.Status400BadRequest, "Invalid Form Body", 50035);
        }

        ulong? around = null, before = null, after = null;
        foreach (var (name, apply) in new (string, Action<ulong>)[] { ("around", v => around = v), ("before", v => before = v), ("after", v => after = v) })
        {
            if (query[name].ToString() is { Length: > 0 } text)
            {
                if (!ulong.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
                {
                    return Error(context, StatusCodes.Status400BadRequest, "Invalid Form Body", 50035);
                }

                apply(id);
            }
        }

        if ((permissions & DiscordPermissions.ReadMessageHistory) == 0 || !channel.HoldsMessages)
        {
            return Ok(Array.Empty<DiscordMessageDto>());
        }

        var messages = history.View(token, channel);
        int start, end;
        if (around is { } middle)
        {
            var at = messages.FirstAbove(m => m.Id, middle, orEqual: true);
            start = Math.Max(0, at - (limit / 2));
            end = Math.Min(messages.Count, start + limit);
        }
        else if (before is { } upper)
        {
            end = messages.FirstAbove(m => m.Id, upper, orEqual: true);
            start = Math.Max(0, end - limit);
        }
        else if (after is { } lower)
        {
            start = messages.FirstAbove(m => m.Id, lower, orEqual: false);
            end = Math.Min(messages.Count, start + limit);
        }
        else
        {
            end = messages.Count;
            start = Math.Max(0, end - limit);
        }

        var page = new List<DiscordMessageDto>(end - start);
        for (var i = end - 1; i >= start; i--)
        {
            page.Add(DiscordMessageDto.From(messages[i], channel, guild, scenario.HasMessageContent));
        }

        return Ok(page);
    }

    /// <summary>The one place Discord decides who is calling: auth header, token scenario, revocation, faults.</summary>
    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var state = context.RequestServices.GetRequiredService<FakePlatformState>();
        var token = ReadToken(context.Request, out var isBotScheme);
        context.Outcome().Token = token;

        var scenario = token is null || !isBotScheme || state.IsRevoked(FakePlatform.Discord, token)
            ? null
            : DiscordScenarios.Resolve(token);
        if (scenario is not { Valid: true })
        {
            return Error(context, StatusCodes.Status401Unauthorized, "401: Unauthorized", 0);
        }

        var fault = await Faults.ApplyAsync(scenario.Fault, FakePlatform.Discord, token!, state, context);
        if (fault != FaultKind.None)
        {
            return Fault(context, fault);
        }

        context.Features.Set(scenario);
        return await next(invocation);
    }

    private static DiscordScenario Caller(HttpContext context) => context.Features.GetRequiredFeature<DiscordScenario>();

    /// <summary>The token after the scheme of the Authorization header (whatever the scheme), or null.</summary>
    private static string? ReadToken(HttpRequest request, out bool isBotScheme)
    {
        var header = request.Headers.Authorization.ToString();
        isBotScheme = header.StartsWith(BotScheme, StringComparison.Ordinal);
        var token = header[(header.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static IResult WithGuild(HttpContext context, DiscordData data, string guildId, Func<DiscordGuild, IResult> answer) =>
        data.Find(guildId, out var guild) switch
        {
            GuildAccess.Member => answer(guild!),
            GuildAccess.MissingAccess => Error(context, StatusCodes.Status403Forbidden, "Missing Access", 50001),
            _ => Error(context, StatusCodes.Status404NotFound, "Unknown Guild", 10004),
        };

    private static IResult Ok<T>(T body) => Json(body, StatusCodes.Status200OK);

    private static IResult Error(HttpContext context, int status, string message, int code)
    {
        context.Outcome().Error = message;
        return Json(new DiscordErrorDto(message, code), status);
    }

    private static IResult Json<T>(T body, int status) =>
        Results.Text(JsonSerializer.Serialize(body, FakeJson.Discord), "application/json", statusCode: status);

    /// <summary>429 with <c>retry_after</c> and the X-RateLimit headers (<c>Retry-After</c> rounded up to whole seconds).</summary>
    private static IResult RateLimited(HttpContext context, double retryAfter)
    {
        var headers = context.Response.Headers;
        var seconds = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers.RetryAfter = Math.Ceiling(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Limit"] = "5";
        headers["X-RateLimit-Remaining"] = "0";
        headers["X-RateLimit-Reset-After"] = seconds;
        headers["X-RateLimit-Bucket"] = "fakebucket0000000000000000000000";
        headers["X-RateLimit-Scope"] = "user";
        const string message = "You are being rate limited.";
        context.Outcome().Error = message;
        return Json(new DiscordRateLimitDto(message, retryAfter, Global: false), StatusCodes.Status429TooManyRequests);
    }

    private static IResult Fault(HttpContext context, FaultKind fault)
    {
        if (fault.IsRateLimit())
        {
            return RateLimited(context, fault == FaultKind.RateLimitedOnce ? 0.5 : 120);
        }

        var status = fault == FaultKind.ServerErrorOnce ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable;
        context.Outcome().Error = $"http_{status}";
        return status == StatusCodes.Status502BadGateway
            ? Results.Text("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>", "text/html", statusCode: status)
            : Results.Text("upstream connect error or disconnect/reset before headers. reset reason: overflow", "text/plain", statusCode: status);
    }
}
