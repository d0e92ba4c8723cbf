using System.Net;
using Connections.FakePlatforms.Hosting;
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

    /// <summary>Clears the request log, revocations and spent "once" faults.</summary>
    public void Reset() => _state.Reset();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
