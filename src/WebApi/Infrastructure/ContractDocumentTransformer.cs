using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// Makes the generated document say exactly what the service does on the wire, for every API (not per controller):
/// <list type="bullet">
/// <item>every API operation has an operationId (its route name) and a summary (its XML doc comment), or the
/// document is not produced at all (the build fails, naming the action);</item>
/// <item>bodies are <c>application/json</c> only, errors <c>application/problem+json</c> only, with one shared
/// <c>ProblemDetails</c>/<c>ValidationProblemDetails</c> schema (<see cref="ProblemSchemas"/>);</item>
/// <item>integers are integers (reading <c>"5"</c> is a tolerance of the web JSON defaults, not part of the contract),
/// enums are strings, properties written only when not null are optional rather than nullable;</item>
/// <item>the request shapes and bounds the validators enforce (<see cref="RequestSchemas"/>).</item>
/// </list>
/// </summary>
internal sealed class ContractDocumentTransformer(IReadOnlyDictionary<string, Type> schemaTypes) : IOpenApiDocumentTransformer
{
    public const string Json = "application/json";
    public const string ProblemJson = "application/problem+json";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var schemas = document.Components.Schemas;

        foreach (var (name, schema) in schemas)
        {
            if (schema is OpenApiSchema concrete && schemaTypes.TryGetValue(name, out var type))
            {
                TypeTimestamps(concrete, type);
                OmitWhenNull(concrete, type);
            }
        }

        ProblemSchemas.Register(document);
        RequestSchemas.Apply(document);

        var problems = new List<string>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var where = $"{method.Method.ToUpperInvariant()} {path}";
                if (IsApi(path))
                {
                    if (string.IsNullOrWhiteSpace(operation.OperationId))
                    {
                        problems.Add($"{where} has no operationId: give the action a route name ([HttpGet(Name = \"ListThings\")]).");
                    }

                    if (string.IsNullOrWhiteSpace(operation.Summary))
                    {
                        problems.Add($"{where} has no summary: give the action a /// <summary>.");
                    }

                    AddCommonErrors(operation, document);
                }

                // The XML-comment generator keeps <c>&lt;…&gt;</c> escaped: the document is not XML.
                operation.Summary = operation.Summary is null ? null : System.Net.WebUtility.HtmlDecode(operation.Summary);
                operation.Description = operation.Description is null ? null : System.Net.WebUtility.HtmlDecode(operation.Description);
                TidyOperation(operation);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The OpenAPI contract is incomplete:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }

        RequestSchemas.ApplyToOperations(document);
        foreach (var schema in schemas.Values)
        {
            Tidy(schema);
        }

        document.Components.Schemas = new SortedDictionary<string, IOpenApiSchema>(schemas, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    /// <summary>The API paths (the rest, /openapi and /health, is infrastructure): /api/… and the Slack configuration API's /sfp/api/….</summary>
    public static bool IsApi(string path) =>
        path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/sfp/api/", StringComparison.Ordinal);

    /// <summary>API paths that take an API key; platform webhooks authenticate by their signature instead.</summary>
    public static bool NeedsApiKey(string path) => IsApi(path) && !path.StartsWith("/api/webhooks/", StringComparison.Ordinal);

    /// <summary>The ids the schemas get, remembered with their types so the document stage can read attributes.</summary>
    public static Func<System.Text.Json.Serialization.Metadata.JsonTypeInfo, string?> Remembering(ConcurrentDictionary<string, Type> into) =>
        typeInfo =>
        {
            var id = OpenApiOptions.CreateDefaultSchemaReferenceId(typeInfo);
            if (id is not null)
            {
                into[id] = typeInfo.Type;
            }

            return id;
        };

    /// <summary>Every API operation can answer 401 (no or a bad key), 500 (a bug) and 503 (database busy, with <c>Retry-After</c>).</summary>
    private static void AddCommonErrors(OpenApiOperation operation, OpenApiDocument document)
    {
        operation.Responses ??= [];
        foreach (var status in new[] { "401", "500", "503" })
        {
            if (!operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = ProblemSchemas.Response(status, document);
            }
        }

        if (operation.Responses["503"] is OpenApiResponse unavailable)
        {
            unavailable.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            unavailable.Headers.TryAdd("Retry-After", new OpenApiHeader
            {
                Description = "Seconds to wait before retrying, when the service or the platform says so.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
            });
        }
    }

    private static void TidyOperation(OpenApiOperation operation)
    {
        if (operation.RequestBody is OpenApiRequestBody { Content: { } requestContent })
        {
            KeepOnly(requestContent, Json);
            foreach (var media in requestContent.Values)
            {
                Tidy(media.Schema);
            }
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            Tidy(parameter.Schema);
        }

        if (operation.Responses is null)
        {
            return;
        }

        var ordered = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (status, response) in ordered)
        {
            operation.Responses[status] = response;
            if (response is not OpenApiResponse { Content: { } content })
            {
                continue;
            }

            KeepOnly(content, status.StartsWith('2') ? Json : ProblemJson);
            foreach (var media in content.Values)
            {
                Tidy(media.Schema);
            }
        }
    }

    private static void KeepOnly(IDictionary<string, OpenApiMediaType> content, string mediaType)
    {
        foreach (var other in content.Keys.Where(k => k != mediaType).ToList())
        {
            content.Remove(other);
        }
    }

    /// <summary>
    /// Instants have a custom converter (<see cref="UtcTimestampConverter"/>), so the generator gives them only
    /// <c>format: date-time</c>, without <c>type</c> or their null alternative: clients then type them as <c>any</c>
    /// (NSwag even emits uncompilable code for such query parameters). Say <c>string</c>, or string-or-null.
    /// </summary>
    private static void TypeTimestamps(OpenApiSchema schema, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var underlying = Nullable.GetUnderlyingType(property.PropertyType);
            if ((underlying ?? property.PropertyType) != typeof(DateTimeOffset))
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            if (schema.Properties?.TryGetValue(name, out var propertySchema) == true && propertySchema is OpenApiSchema { Type: null, Format: "date-time" } instant)
            {
                instant.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            }
        }
    }

    /// <summary>Properties marked <c>JsonIgnore(WhenWritingNull)</c> are absent rather than null: optional, never null.</summary>
    private static void OmitWhenNull(OpenApiSchema schema, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var ignore = property.GetCustomAttribute<JsonIgnoreAttribute>();
            if (ignore?.Condition != JsonIgnoreCondition.WhenWritingNull)
            {
                continue;
            }

            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            schema.Required?.Remove(name);
            if (schema.Properties?.TryGetValue(name, out var propertySchema) == true)
            {
                schema.Properties[name] = NotNull(propertySchema);
            }
        }
    }

    /// <summary>The schema without its null alternative.</summary>
    public static IOpenApiSchema NotNull(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { OneOf.Count: 2 } oneOf && oneOf.OneOf.FirstOrDefault(s => s.Type == JsonSchemaType.Null) is { } nullAlternative)
        {
            return oneOf.OneOf.Single(s => !ReferenceEquals(s, nullAlternative));
        }

        if (schema is OpenApiSchema { Type: { } type } concrete && type.HasFlag(JsonSchemaType.Null))
        {
            concrete.Type = type & ~JsonSchemaType.Null;
        }

        return schema;
    }

    /// <summary>Integers as integers, enums as strings, recursively (references are left to their component).</summary>
    private static void Tidy(IOpenApiSchema? schema)
    {
        if (schema is not OpenApiSchema s)
        {
            return;
        }

        if (s.Type is { } type && type.HasFlag(JsonSchemaType.Integer) && type.HasFlag(JsonSchemaType.String))
        {
            s.Type = type & ~JsonSchemaType.String;
            s.Pattern = null;
        }

        if (s.Type is null && s.Format == "date-time")
        {
            s.Type = JsonSchemaType.String;   // a parameter's instant (component properties are typed by TypeTimestamps)
        }

        if (s.Type is null && s.Enum is { Count: > 0 } values && values.All(v => v?.GetValueKind() == JsonValueKind.String))
        {
            s.Type = JsonSchemaType.String;
        }

        foreach (var property in s.Properties?.Values ?? [])
        {
            Tidy(property);
        }

        Tidy(s.Items);
        if (s.AdditionalProperties is not null)
        {
            Tidy(s.AdditionalProperties);
        }

        foreach (var alternative in (s.OneOf ?? []).Concat(s.AnyOf ?? []).Concat(s.AllOf ?? []))
        {
            Tidy(alternative);
        }
    }

    /// <summary>A JSON array of strings, for <c>enum</c>.</summary>
    public static List<JsonNode> Strings(params string[] values) => values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
}
