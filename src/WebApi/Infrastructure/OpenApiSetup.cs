using System.Collections.Concurrent;
using Connections.Application.Connections.Commands.CreateConnection;
using Connections.WebApi.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// The OpenAPI document, which is a committed, tested contract (contracts/openapi.json): metadata, the bearer (API key)
/// security scheme required by every API operation, and the transformers that make the document say exactly what the
/// service does (<see cref="ContractDocumentTransformer"/>,
/// <see cref="ProblemSchemas"/>, <see cref="RequestSchemas"/>).
/// </summary>
internal static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        // Schema names are type names in the generated clients: say what a body is, not how the server handles it.
        var schemaTypes = new ConcurrentDictionary<string, Type>(StringComparer.Ordinal);
        var defaultId = ContractDocumentTransformer.Remembering(schemaTypes);
        options.CreateSchemaReferenceId = type => type.Type == typeof(CreateConnectionCommand) ? "CreateConnectionRequest" : defaultId(type);

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
            if (ContractDocumentTransformer.NeedsApiKey("/" + context.Description.RelativePath))
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [] },
                ];
            }

            Idempotency.IdempotencyOpenApi.Apply(operation, context);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer(new ContractDocumentTransformer(schemaTypes));
    }
}
