using Connections.FakePlatforms.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Connections.FakePlatforms;

/// <summary>
/// Standalone fake for demos: <c>dotnet run --project tests/FakePlatforms -- --urls http://127.0.0.1:5080</c>.
/// A named class rather than top-level statements, so no global <c>Program</c> clashes with the WebApi's
/// in test projects that reference both.
/// </summary>
internal static class Program
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddFakePlatforms();
        var app = builder.Build();
        app.UseFakePlatforms();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in app.Services.GetRequiredService<IServer>().Features
                         .GetRequiredFeature<IServerAddressesFeature>().Addresses)
            {
                var root = address.TrimEnd('/');
                Console.WriteLine($"Fake Slack API:   {root}{FakePlatformsApp.SlackApiPath}");
                Console.WriteLine($"Fake Discord API: {root}{FakePlatformsApp.DiscordApiPath}");
            }
        });
        await app.RunAsync();
    }
}
