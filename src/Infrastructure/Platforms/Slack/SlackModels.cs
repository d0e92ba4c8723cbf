using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connections.Infrastructure.Platforms.Slack;

/// <summary>The JSON settings of the Slack Web API: snake_case names, unknown fields ignored.</summary>
internal static class SlackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

/// <summary>The envelope of every Web API answer: <c>ok</c>, and on failure <c>error</c> (plus <c>needed</c>/<c>provided</c> for <c>missing_scope</c>).</summary>
public record SlackResponse
{
    public bool Ok { get; init; }

    public string? Error { get; init; }

    /// <summary><c>missing_scope</c>: the scopes the method needs, comma-separated.</summary>
    public string? Needed { get; init; }

    /// <summary><c>missing_scope</c>: the scopes the token has, comma-separated.</summary>
    public string? Provided { get; init; }

    public SlackResponseMetadata? ResponseMetadata { get; init; }
}

public sealed record SlackResponseMetadata
{
    /// <summary>The cursor for the next page; empty or absent on the last page.</summary>
    public string? NextCursor { get; init; }
}

/// <summary><c>auth.test</c>.</summary>
public sealed record SlackAuthTestResponse : SlackResponse
{
    public string? Url { get; init; }

    public string? Team { get; init; }

    public string? User { get; init; }

    public string? TeamId { get; init; }

    public string? UserId { get; init; }

    public string? BotId { get; init; }

    public string? AppId { get; init; }

    public string? EnterpriseId { get; init; }

    public bool IsEnterpriseInstall { get; init; }
}

/// <summary>The outcome of <c>auth.test</c>: who the token is, and the scopes Slack reported in <c>x-oauth-scopes</c>.</summary>
/// <param name="Identity">The body of the answer.</param>
/// <param name="Scopes">The token's scopes; null when Slack sent no <c>x-oauth-scopes</c> header.</param>
public sealed record SlackAuthTest(SlackAuthTestResponse Identity, IReadOnlyList<string>? Scopes);

/// <summary><c>conversations.list</c>, one page.</summary>
public sealed record SlackConversationsListResponse : SlackResponse
{
    public IReadOnlyList<SlackConversation>? Channels { get; init; }
}

/// <summary>A conversation object (only the fields we use).</summary>
public sealed record SlackConversation
{
    public string Id { get; init; } = "";

    public string? Name { get; init; }

    public bool IsChannel { get; init; }

    public bool IsPrivate { get; init; }

    public bool IsArchived { get; init; }

    public bool IsMember { get; init; }

    public int? NumMembers { get; init; }

    public long? Created { get; init; }
}

/// <summary><c>apps.connections.open</c>: the Socket Mode WebSocket URL.</summary>
public sealed record SlackAppsConnectionsOpenResponse : SlackResponse
{
    public string? Url { get; init; }
}

/// <summary><c>conversations.history</c> and <c>conversations.replies</c>, one page.</summary>
public sealed record SlackMessagesResponse : SlackResponse
{
    public IReadOnlyList<SlackMessage>? Messages { get; init; }

    public bool HasMore { get; init; }
}

/// <summary>A message (only the fields we use). <see cref="ThreadTs"/> is set on a thread parent (= its ts) and on replies.</summary>
public sealed record SlackMessage
{
    public string? Type { get; init; }

    public string? Subtype { get; init; }

    public string? Ts { get; init; }

    public string? User { get; init; }

    public string? BotId { get; init; }

    public string? Username { get; init; }

    public string? Text { get; init; }

    public string? ThreadTs { get; init; }

    public int? ReplyCount { get; init; }

    public SlackEdited? Edited { get; init; }
}

public sealed record SlackEdited
{
    public string? User { get; init; }

    public string? Ts { get; init; }
}

/// <summary>One page of messages and the cursor of the next (null on the last page).</summary>
public sealed record SlackMessagesPage(IReadOnlyList<SlackMessage> Messages, string? NextCursor);
