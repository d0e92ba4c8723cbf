using Connections.WebApi.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Connections.WebApi.Infrastructure;

/// <summary>The OpenAPI document: metadata and the bearer (API key) security scheme required by every /api and /sfp/api operation.</summary>
internal static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Connections API";
            document.Info.Version = "v1";
            document.Info.Description = "Connect Slack workspaces and Discord servers by bot credentials, check them, discover channels and choose which to sync. "
                + "Every error is an RFC 9457 problem (application/problem+json) with a stable `code`.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "API key",
                Description = "An API key created with `keys create` (see README), sent as `Authorization: Bearer <key>`.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.RelativePath is { } path
                && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("sfp/api/", StringComparison.Ordinal)))
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] },
                ];
            }

            return Task.CompletedTask;
        });
    }
}
