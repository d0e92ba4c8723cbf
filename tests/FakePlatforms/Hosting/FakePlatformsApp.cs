using Connections.FakePlatforms.Discord;
using Connections.FakePlatforms.Slack;

namespace Connections.FakePlatforms.Hosting;

/// <summary>The one place that wires the fake: used by <see cref="FakePlatformServer"/> and by the standalone Program.</summary>
public static class FakePlatformsApp
{
    public const string SlackApiPath = "/slack/api/";
    public const string DiscordApiPath = "/discord/api/v10/";

    /// <summary>Logged status of a request the client gave up on before the answer (nginx's convention).</summary>
    public const int ClientClosedRequest = 499;

    public static IServiceCollection AddFakePlatforms(this IServiceCollection services)
    {
        services.AddRoutingCore();
        services.AddSingleton<FakePlatformState>();
        services.AddSingleton<SlackData>();
        services.AddSingleton<DiscordData>();
        services.AddSingleton<SlackHistoryStore>();
        services.AddSingleton<DiscordHistoryStore>();
        return services;
    }

    public static WebApplication UseFakePlatforms(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(RecordRequestAsync);
        app.MapGet("/", () => Results.Text(
            $"Fake Slack: {SlackApiPath}<method>\nFake Discord: {DiscordApiPath}<route>\n"));
        app.MapFakeSlack();
        app.MapFakeDiscord();
        return app;
    }

    /// <summary>Appends every Slack/Discord request to the log once it is answered.</summary>
    private static async Task RecordRequestAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        FakePlatform? platform =
            path.StartsWith(SlackApiPath, StringComparison.Ordinal) ? FakePlatform.Slack
            : path.StartsWith(DiscordApiPath, StringComparison.Ordinal) ? FakePlatform.Discord
            : null;
        if (platform is null)
        {
            await next(context);
            return;
        }

        var time = DateTimeOffset.UtcNow;
        var outcome = new FakeOutcome();
        context.Features.Set(outcome);
        try
        {
            await next(context);
        }
        finally
        {
            var aborted = context.RequestAborted.IsCancellationRequested;
            context.RequestServices.GetRequiredService<FakePlatformState>().Record(new FakeRequest(
                platform.Value, context.Request.Method, path, context.Request.QueryString.Value ?? string.Empty,
                outcome.Token, time,
                aborted ? ClientClosedRequest : context.Response.StatusCode,
                aborted ? "client_closed_request" : outcome.Error));
        }
    }
}

/// <summary>What the platform handlers tell the request log: the token seen and the error answered.</summary>
internal sealed class FakeOutcome
{
    public string? Token { get; set; }

    public string? Error { get; set; }
}

internal static class FakeOutcomeExtensions
{
    public static FakeOutcome Outcome(this HttpContext context) =>
        context.Features.Get<FakeOutcome>() ?? new FakeOutcome();
}
