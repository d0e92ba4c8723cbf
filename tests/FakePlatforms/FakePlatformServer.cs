using System.Net;
using Connections.FakePlatforms.Discord;
using Connections.FakePlatforms.Hosting;
using Connections.FakePlatforms.Slack;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Connections.FakePlatforms;

/// <summary>
/// The fake Slack + Discord server on a free loopback port, for tests. Start one per fixture (or per test);
/// give each test its own tokens (<see cref="FakeTokens.Unique"/>) so "once" behaviours and revocations don't collide.
/// </summary>
public sealed class FakePlatformServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakePlatformState _state;

    private FakePlatformServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        _state = app.Services.GetRequiredService<FakePlatformState>();
        BaseAddress = baseAddress;
        SlackApiBaseUrl = new Uri(baseAddress, FakePlatformsApp.SlackApiPath);
        DiscordApiBaseUrl = new Uri(baseAddress, FakePlatformsApp.DiscordApiPath);
    }

    /// <summary>e.g. <c>http://127.0.0.1:49152/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary><c>{base}/slack/api/</c>: POST/GET <c>{SlackApiBaseUrl}auth.test</c>.</summary>
    public Uri SlackApiBaseUrl { get; }

    /// <summary><c>{base}/discord/api/v10/</c>: GET <c>{DiscordApiBaseUrl}users/@me</c>.</summary>
    public Uri DiscordApiBaseUrl { get; }

    /// <summary>A snapshot of every answered request, oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests => _state.Requests;

    public static async Task<FakePlatformServer> StartAsync(CancellationToken ct = default)
    {
        // An empty builder: no appsettings, environment or logging of the host test project leak in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddFakePlatforms();
        var app = builder.Build();
        app.UseFakePlatforms();
        try
        {
            await app.StartAsync(ct);
            var address = app.Services.GetRequiredService<IServer>().Features
                .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new FakePlatformServer(app, new Uri(address.TrimEnd('/') + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Requests made with <paramref name="token"/> whose path contains <paramref name="pathContains"/> (e.g. "auth.test", "guilds/").</summary>
    public IReadOnlyList<FakeRequest> RequestsFor(string token, string pathContains = "") =>
        [.. Requests.Where(r => r.Token == token && r.Path.Contains(pathContains, StringComparison.Ordinal))];

    public int CountRequests(string token, string pathContains = "") => RequestsFor(token, pathContains).Count;

    /// <summary>From now on Slack answers this exact token with <c>token_revoked</c>.</summary>
    public void RevokeSlackToken(string token) => _state.Revoke(FakePlatform.Slack, token);

    /// <summary>From now on Discord answers this exact token with 401.</summary>
    public void RevokeDiscordToken(string token) => _state.Revoke(FakePlatform.Discord, token);

    /// <summary>
    /// Posts a message (by <see cref="FakeHistory.Slack.Authors"/>[0]) to a channel as seen by this exact token only,
    /// newer than everything in it; with <paramref name="threadTs"/> it is a reply in that thread (the parent's
    /// <c>reply_count</c> grows). Returns the new <c>ts</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The token has no such channel or thread.</exception>
    public string AddSlackMessage(string token, string channelId, string text, string? threadTs = null) =>
        SlackOverlays.Add(token, SlackChannelOf(token, channelId), FakeHistory.Slack.Authors[0], text, threadTs);

    /// <summary>Edits a message (top-level or reply) for this exact token: new text, <c>edited.ts</c> = now. Returns <c>edited.ts</c>.</summary>
    /// <exception cref="ArgumentException">The token has no such channel or message.</exception>
    public string EditSlackMessage(string token, string channelId, string ts, string newText) =>
        SlackOverlays.Edit(token, SlackChannelOf(token, channelId), ts, newText);

    /// <summary>
    /// Posts a message (by the first of <see cref="FakeHistory.Discord.Authors"/>) for this exact token only, with a
    /// snowflake newer than everything in the channel; with <paramref name="replyToMessageId"/> it is a reply (type 19,
    /// <c>message_reference</c>). Returns the new id.
    /// </summary>
    /// <exception cref="ArgumentException">No such channel or message.</exception>
    public string AddDiscordMessage(string token, string channelId, string content, string? replyToMessageId = null) =>
        DiscordOverlays.Add(token, DiscordChannelOf(channelId), DiscordHistory.AuthorOf(0), content, replyToMessageId);

    /// <summary>Edits a message for this exact token: new content, <c>edited_timestamp</c> = now (returned).</summary>
    /// <exception cref="ArgumentException">No such channel or message.</exception>
    public DateTimeOffset EditDiscordMessage(string token, string channelId, string messageId, string newContent) =>
        DiscordOverlays.Edit(token, DiscordChannelOf(channelId), messageId, newContent);

    /// <summary>Clears the request log, revocations, spent "once" faults, call counters and added or edited messages.</summary>
    public void Reset()
    {
        _state.Reset();
        SlackOverlays.Reset();
        DiscordOverlays.Reset();
    }

    private SlackHistoryStore SlackOverlays => _app.Services.GetRequiredService<SlackHistoryStore>();

    private DiscordHistoryStore DiscordOverlays => _app.Services.GetRequiredService<DiscordHistoryStore>();

    private SlackChannel SlackChannelOf(string token, string channelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var scenario = SlackScenarios.Resolve(token) ?? throw new ArgumentException("Not a fake Slack token.", nameof(token));
        return SlackData.FindChannel(_app.Services.GetRequiredService<SlackData>()[scenario.Workspace], channelId)
            ?? throw new ArgumentException($"The token's workspace has no channel {channelId}.", nameof(channelId));
    }

    private DiscordChannel DiscordChannelOf(string channelId) =>
        _app.Services.GetRequiredService<DiscordData>().TryFindChannel(channelId, out _, out var channel)
            ? channel
            : throw new ArgumentException($"No fake Discord channel {channelId}.", nameof(channelId));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
