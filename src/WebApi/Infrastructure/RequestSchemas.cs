using System.Globalization;
using Connections.Application.Connections.Commands.UpdateChannelSelection;
using Connections.Application.Connections.Common;
using Connections.Application.Connections.Queries.GetConnections;
using Connections.Application.Messages.Queries.GetMessages;
using Connections.Application.SlackWorkspaces.Common;
using Connections.Application.SlackWorkspaces.Queries.GetSlackWorkspaceAudit;
using Connections.Application.Syncs.Queries.GetSyncRuns;
using Connections.Domain.Connections;
using Connections.Domain.SlackWorkspaces;
using Microsoft.OpenApi;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// What the validators enforce, said in the document so clients can check before they send. The validators stay the
/// runtime source of truth: every bound and pattern here is read from their constants and regexes, so the two cannot
/// drift apart silently (and the contract drift test would notice a change). New APIs add their schemas here, keyed
/// by schema id, and their operations keyed by operationId.
/// </summary>
internal static class RequestSchemas
{
    public static void Apply(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        if (schemas.ContainsKey("CreateConnectionRequest"))
        {
            ApplyConnections(document, schemas);
        }

        if (schemas.TryGetValue("ConfigureSlackWorkspaceCommand", out var configure) && configure is OpenApiSchema configureSchema)
        {
            ApplySlackWorkspace(configureSchema, "team_id", "team_name", "bot_token", "app_token", "signing_secret");
        }

        if (schemas.TryGetValue("UpdateSlackWorkspaceRequest", out var update) && update is OpenApiSchema updateSchema)
        {
            ApplySlackWorkspace(updateSchema);
            updateSchema.MinProperties = 1;
        }
    }

    /// <summary>The Slack app configuration's field rules (<see cref="SlackWorkspaceRules"/>); fields not required may be null (kept as they are).</summary>
    private static void ApplySlackWorkspace(OpenApiSchema schema, params string[] required)
    {
        var rules = new Dictionary<string, OpenApiSchema>(StringComparer.Ordinal)
        {
            ["team_id"] = Text(Ecma(SlackWorkspaceRules.TeamId()), null, SlackWorkspace.MaxIdLength, "Slack team id (`T…`)."),
            ["team_name"] = Text(null, 1, SlackWorkspace.MaxNameLength, "The workspace's name."),
            ["bot_token"] = SlackToken("Bot token (`xoxb-…`)."),
            ["app_token"] = Text(Ecma(SlackWorkspaceRules.AppToken()), null, CredentialRules.MaxSlackTokenLength, "App-level token for Socket Mode (`xapp-…`)."),
            ["signing_secret"] = Text(Ecma(CredentialRules.SlackSigningSecret()), null, null, "The app's signing secret."),
            ["app_id"] = Text(Ecma(SlackWorkspaceRules.AppId()), null, SlackWorkspace.MaxIdLength, "Slack app id (`A…`); filled from Slack when left out."),
            ["app_name"] = Text(null, 1, SlackWorkspace.MaxNameLength, "The app's name."),
            ["bot_user_id"] = Text(Ecma(SlackWorkspaceRules.BotUserId()), null, SlackWorkspace.MaxIdLength, "The bot's user id (`U…`); filled from Slack when left out."),
        };
        foreach (var name in schema.Properties?.Keys.ToList() ?? [])
        {
            if (rules.TryGetValue(name, out var rule))
            {
                if (!required.Contains(name, StringComparer.Ordinal))
                {
                    rule.Type = JsonSchemaType.String | JsonSchemaType.Null;
                }

                schema.Properties![name] = rule;
            }
        }

        schema.Required = new HashSet<string>(required, StringComparer.Ordinal);
    }

    public static void ApplyToOperations(OpenApiDocument document)
    {
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            switch (operation.OperationId)
            {
                case "ListConnections":
                    Parameter(operation, "platform").Schema = new OpenApiSchemaReference("Platform", document);
                    Parameter(operation, "platform").Description = "Only connections of this platform.";
                    Parameter(operation, "status").Schema = new OpenApiSchemaReference("ConnectionStatus", document);
                    Parameter(operation, "status").Description = "Only connections in this status.";
                    Parameter(operation, "limit").Schema = Integer(1, GetConnectionsQuery.MaxLimit, GetConnectionsQuery.DefaultLimit);
                    Parameter(operation, "limit").Description = "Page size.";
                    Parameter(operation, "cursor").Description = "Opaque; take it from the `Link` header's next URL, never build it.";
                    Header(operation, "200", "Link", "`<url>; rel=\"next\"` when more connections follow: the URL of the next page.");
                    break;
                case "GetConnection":
                    Header(operation, "200", "ETag", "The connection's version, for a later `If-Match`.");
                    break;
                case "UpdateConnection" or "UpdateChannelSelection":
                    IfMatchParameter(operation, "The `ETag` from GET (or `*`): a stale one answers 412 and changes nothing.");
                    Header(operation, "200", "ETag", "The connection's new version, for a later `If-Match`.");
                    break;
                case "DeleteConnection":
                    IfMatchParameter(operation, "The `ETag` from GET (or `*`): a stale one answers 412 and deletes nothing.");
                    break;
                case "DisconnectConnection":
                    Header(operation, "200", "ETag", "The connection's new version, for a later `If-Match`.");
                    break;
                case "ListChannels":
                    Parameter(operation, "refresh").Description = "Rediscover the channels on the platform first.";
                    break;
                case "StartSync":
                    Header(operation, "202", "Location", "The URL of the queued run (GetSync).");
                    break;
                case "ListSyncs":
                    Parameter(operation, "limit").Schema = Integer(1, GetSyncRunsQuery.MaxLimit, GetSyncRunsQuery.DefaultLimit);
                    Header(operation, "200", "Link", "`<url>; rel=\"next\"` when more runs follow: the URL of the next page.");
                    break;
                case "ListMessages":
                    Parameter(operation, "limit").Schema = Integer(1, GetMessagesQuery.MaxLimit, GetMessagesQuery.DefaultLimit);
                    Parameter(operation, "q").Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = GetMessagesQuery.MaxQueryLength };
                    Parameter(operation, "q").Description = "Case-insensitive text search (a substring).";
                    Parameter(operation, "channel_id").Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = GetMessagesQuery.MaxChannelIdLength };
                    Header(operation, "200", "Link", "`<url>; rel=\"next\"` when more messages follow: the URL of the next page.");
                    break;
                case "GetSlackWorkspaceAudit":
                    Parameter(operation, "limit").Schema = Integer(1, GetSlackWorkspaceAuditQuery.MaxLimit, GetSlackWorkspaceAuditQuery.DefaultLimit);
                    break;
                case "GetSlackWorkspace":
                    Header(operation, "200", "ETag", "The configuration's version, for a later `If-Match`.");
                    break;
                case "ConfigureSlackWorkspace":
                    Header(operation, "200", "ETag", "The saved configuration's version, for a later `If-Match`.");
                    Header(operation, "201", "ETag", "The saved configuration's version, for a later `If-Match`.");
                    Header(operation, "201", "Location", "The URL of the active configuration (GetSlackWorkspace).");
                    break;
                case "UpdateSlackWorkspace":
                    // The action reads If-Match from the request itself, so the generator does not see it.
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = "If-Match",
                        In = ParameterLocation.Header,
                        Description = "The `ETag` from GET (or `*`): a stale one answers 412 and changes nothing.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                    });
                    Header(operation, "200", "ETag", "The saved configuration's version, for a later `If-Match`.");
                    break;
                case "ReceiveSlackEvent":
                    // The action reads the raw body itself (the signature covers its exact bytes), so the generator
                    // does not document it. (The 200 stays without content: its body is `{challenge}` for a
                    // url_verification but empty otherwise, and a documented JSON body would make the empty one a violation.)
                    document.Components!.Schemas!["SlackEventEnvelope"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Description = "A Slack Events API delivery (`url_verification` or `event_callback`), signed over its exact bytes.",
                        Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
                        {
                            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "`url_verification` or `event_callback`." },
                            ["challenge"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "url_verification only: what to answer." },
                            ["team_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "event_callback: the workspace." },
                            ["event"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "event_callback: the event (e.g. a `message`)." },
                        },
                        Required = new HashSet<string>(StringComparer.Ordinal) { "type" },
                        AdditionalPropertiesAllowed = true,
                    };
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                        {
                            [ContractDocumentTransformer.Json] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("SlackEventEnvelope", document) },
                        },
                    };
                    break;
                default:
                    break;
            }

            if (operation.Responses?.ContainsKey("429") == true)
            {
                Header(operation, "429", "Retry-After", "Seconds until this API key (or connection) is within its rate limit again.");
            }
        }
    }

    private static void ApplyConnections(OpenApiDocument document, IDictionary<string, IOpenApiSchema> schemas)
    {
        // One object type for both platforms, not a oneOf: NSwag's TypeScript generator cannot type a oneOf of objects
        // (it emits a type that does not exist). Which members each platform needs is said in the description; the
        // token's two shapes are an anyOf (which it types as a plain string).
        var credentials = Credentials("Slack: `bot_token` (`xoxb-…`) and `signing_secret`. Discord: `bot_token` (three dot-separated parts) and `guild_id`.");
        credentials.Required = new HashSet<string>(StringComparer.Ordinal) { "bot_token" };
        schemas["ConnectionCredentials"] = credentials;
        var rotation = Credentials("New credentials for the connection's platform; what is left out keeps its stored value. The new set is checked on the platform before it replaces the old.");
        rotation.MinProperties = 1;
        schemas["CredentialsRotation"] = rotation;
        schemas["SettingsInput"] = Closed(
            "Connection settings; what is left out keeps its current (or default) value.",
            new()
            {
                ["sync_interval_minutes"] = Integer(ConnectionSettings.MinSyncIntervalMinutes, ConnectionSettings.MaxSyncIntervalMinutes, null,
                    $"Minutes between syncs (default {ConnectionSettings.DefaultSyncIntervalMinutes})."),
                ["wiki_enabled"] = Boolean("Build the wiki from this connection (default true)."),
                ["graph_enabled"] = Boolean("Build the knowledge graph from this connection (default true)."),
            });

        schemas["CreateConnectionRequest"] = Closed(
            "A Slack workspace or Discord server to connect. The credentials must be those of the platform.",
            new()
            {
                ["platform"] = new OpenApiSchemaReference("Platform", document),
                ["name"] = Name(),
                ["credentials"] = new OpenApiSchemaReference("ConnectionCredentials", document),
                ["settings"] = new OpenApiSchemaReference("SettingsInput", document),
            },
            "platform",
            "name",
            "credentials");

        var update = Closed(
            "Any of name, credentials, settings (at least one).",
            new()
            {
                ["name"] = Name(),
                ["credentials"] = new OpenApiSchemaReference("CredentialsRotation", document),
                ["settings"] = new OpenApiSchemaReference("SettingsInput", document),
            });
        update.MinProperties = 1;
        schemas["UpdateConnectionRequest"] = update;

        schemas["UpdateChannelSelectionRequest"] = Closed(
            "Exactly these channels, or with `sync_all` every current and future channel (then give no ids).",
            new()
            {
                ["channel_ids"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    MaxItems = UpdateChannelSelectionCommand.MaxChannelIds,
                    Items = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = GetMessagesQuery.MaxChannelIdLength },
                    Description = "The ids of the channels to sync; the others stop syncing.",
                },
                ["sync_all"] = Boolean("Sync every channel, including those created later (default false)."),
            });
        schemas.Remove("CredentialsInput");
    }

    /// <summary>
    /// A .NET pattern as an ECMA-262 one (what JSON Schema validators and clients run): <c>\z</c> (end of input, which
    /// .NET validators use so a trailing newline cannot slip past <c>$</c>) has no ECMA form; <c>$</c> without the
    /// multiline flag means the same there.
    /// </summary>
    private static string Ecma(System.Text.RegularExpressions.Regex regex) => regex.ToString().Replace(@"\z", "$", StringComparison.Ordinal);

    private static OpenApiSchema Closed(string description, Dictionary<string, IOpenApiSchema> properties, params string[] required) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Properties = properties,
        Required = new HashSet<string>(required, StringComparer.Ordinal),
        AdditionalPropertiesAllowed = false,
    };

    private static OpenApiSchema Name() => new()
    {
        Type = JsonSchemaType.String,
        MinLength = 1,
        MaxLength = ConnectionName.MaxLength,
        Description = "Display name, unique per owner and platform (ignoring case); trimmed, no control characters.",
    };

    private static OpenApiSchema Credentials(string description) => Closed(
        description,
        new()
        {
            ["bot_token"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Slack: a bot token (`xoxb-…`, at most 255 characters). Discord: three dot-separated parts, 20–200 characters.",
                AnyOf = [SlackToken(null), DiscordToken(null)],
            },
            ["signing_secret"] = Text(Ecma(CredentialRules.SlackSigningSecret()), null, null, "Slack only: the app's signing secret."),
            ["guild_id"] = Text(Ecma(CredentialRules.Snowflake()), null, null, "Discord only: the server (guild) id."),
        });

    private static OpenApiSchema SlackToken(string? description) =>
        Text(Ecma(CredentialRules.SlackBotToken()), null, CredentialRules.MaxSlackTokenLength, description);

    private static OpenApiSchema DiscordToken(string? description) =>
        Text(Ecma(CredentialRules.DiscordBotToken()), CredentialRules.MinDiscordTokenLength, CredentialRules.MaxDiscordTokenLength, description);

    private static OpenApiSchema Text(string? pattern, int? minLength, int? maxLength, string? description) => new()
    {
        Type = JsonSchemaType.String,
        Pattern = pattern,
        MinLength = minLength,
        MaxLength = maxLength,
        Description = description,
    };

    private static OpenApiSchema Boolean(string description) => new() { Type = JsonSchemaType.Boolean, Description = description };

    private static OpenApiSchema Integer(int minimum, int maximum, int? @default, string? description = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum.ToString(CultureInfo.InvariantCulture),
        Default = @default is { } d ? System.Text.Json.Nodes.JsonValue.Create(d) : null,
        Description = description,
    };

    private static OpenApiParameter Parameter(OpenApiOperation operation, string name) =>
        (OpenApiParameter)(operation.Parameters?.SingleOrDefault(p => p.Name == name)
            ?? throw new InvalidOperationException($"{operation.OperationId} has no parameter '{name}'."));

    /// <summary>Documents an <c>If-Match</c> the action reads from the request itself (so the generator does not see it).</summary>
    private static void IfMatchParameter(OpenApiOperation operation, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void Header(OpenApiOperation operation, string status, string name, string description)
    {
        var response = (OpenApiResponse)operation.Responses![status];
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
    }
}
