using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Connections.WebApi.Idempotency;

/// <summary>
/// What <see cref="IdempotentAttribute"/> adds to an operation in the contract: the optional <c>Idempotency-Key</c>
/// request header and the <c>Idempotent-Replayed</c> response header (the 400/409/422 problems are declared on the
/// action like any other).
/// </summary>
internal static class IdempotencyOpenApi
{
    public static void Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentAttribute>().Any())
        {
            return;
        }

        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyFilter.HeaderName,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes a retry safe: the same key with the same request within 24 h replays the first response "
                + "instead of executing again; with another request it answers 422 `IDEMPOTENCY_KEY_REUSED`, and while the "
                + "first is still running 409 `IDEMPOTENCY_REQUEST_IN_PROGRESS`. Scoped to your API key. 1–255 printable ASCII characters (empty counts as none).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyFilter.MaxKeyLength, Pattern = "^[ -~]*$" },
        });

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete || !(status.StartsWith('2') || status.StartsWith('4')))
            {
                continue;
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            concrete.Headers.TryAdd(IdempotencyFilter.ReplayedHeaderName, new OpenApiHeader
            {
                Description = "`true` when this is the stored response of an earlier request with the same Idempotency-Key.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create("true")] },
            });
            if (status == "409")
            {
                concrete.Headers.TryAdd("Retry-After", new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying, when the request with the same Idempotency-Key is still running.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
                });
            }
        }
    }
}
