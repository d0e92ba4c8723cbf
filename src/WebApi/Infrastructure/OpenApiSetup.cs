using Microsoft.AspNetCore.OpenApi;

namespace Connections.WebApi.Infrastructure;

/// <summary>The OpenAPI document: metadata and the bearer (API key) security scheme.</summary>
internal static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Connections API";
            document.Info.Version = "v1";
            document.Info.Description = "Connect Slack workspaces and Discord servers by bot credentials, check them, discover channels and choose which to sync.";
            return Task.CompletedTask;
        });
    }
}
