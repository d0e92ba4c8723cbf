using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// The one problem shape every error has (RFC 9457, see <see cref="ProblemMapping"/>): the standard members, our
/// stable <c>code</c> and <c>trace_id</c>, and the members some problems add. No other member is ever written.
/// </summary>
internal static class ProblemSchemas
{
    public const string Problem = "ProblemDetails";
    public const string ValidationProblem = "ValidationProblemDetails";

    public static void Register(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        schemas[Problem] = Build(validation: false);
        schemas[ValidationProblem] = Build(validation: true);
    }

    /// <summary>An error response with a problem body, described by its reason phrase.</summary>
    public static OpenApiResponse Response(string status, OpenApiDocument document) => new()
    {
        Description = ReasonPhrases.GetReasonPhrase(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)),
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
        {
            [ContractDocumentTransformer.ProblemJson] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
        },
    };

    private static OpenApiSchema Build(bool validation)
    {
        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
        {
            ["type"] = Text("A URI reference that identifies the problem type."),
            ["title"] = Text("A short, human-readable summary of the problem type."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599", Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong in this occurrence, for humans. Never contains a secret."),
            ["instance"] = Text("The request path."),
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Pattern = "^[A-Z][A-Z0-9_]*$",
                Description = "The stable, machine-readable error code (e.g. VALIDATION_FAILED, CONNECTION_NOT_FOUND, INVALID_TOKEN). Branch on this, not on the title.",
            },
            ["trace_id"] = Text("Quote this when reporting a problem: it finds the request in the service's logs."),
            ["required_scopes"] = Scopes("The platform scopes the operation needs (permission problems)."),
            ["missing_scopes"] = Scopes("The platform scopes the credentials lack (permission problems)."),
            ["retry_after"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Description = "Seconds to wait before retrying (also sent as Retry-After)." },
        };
        var required = new HashSet<string>(StringComparer.Ordinal) { "status", "title", "code", "trace_id" };
        if (validation)
        {
            properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Messages per field, keyed by the field's JSON path as sent (`credentials.bot_token`), or `body`.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
            required.Add("errors");
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation
                ? "A problem about the request's fields (400): `errors` says which field is wrong and why."
                : "An RFC 9457 problem. Every error response has this body, as application/problem+json.",
            Properties = properties,
            Required = required,
            AdditionalPropertiesAllowed = false,
        };
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Scopes(string description) => new()
    {
        Type = JsonSchemaType.Array,
        Items = new OpenApiSchema { Type = JsonSchemaType.String },
        Description = description,
    };
}
