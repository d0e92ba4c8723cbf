using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connections.Infrastructure.Platforms.Discord;

/// <summary>The JSON settings of the Discord API: snake_case names, unknown fields ignored.</summary>
internal static class DiscordJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

/// <summary>Discord's error body: <c>{"message": "Unknown Guild", "code": 10004}</c> (429s add <c>retry_after</c>).</summary>
public sealed record DiscordErrorBody
{
    public string? Message { get; init; }

    public int Code { get; init; }

    public double? RetryAfter { get; init; }

    public bool? Global { get; init; }
}

/// <summary>The JSON error codes we act on.</summary>
public static class DiscordErrorCodes
{
    public const int UnknownChannel = 10003;
    public const int UnknownGuild = 10004;
    public const int UnknownMember = 10007;
    public const int MissingAccess = 50001;
    public const int MissingPermissions = 50013;
    public const int InvalidAuthenticationToken = 50014;
}

/// <summary><c>GET /users/@me</c> (only the fields we use).</summary>
public sealed record DiscordUser
{
    public string Id { get; init; } = "";

    public string? Username { get; init; }

    public string? Discriminator { get; init; }

    public string? GlobalName { get; init; }

    public bool Bot { get; init; }
}

/// <summary><c>GET /applications/@me</c>.</summary>
public sealed record DiscordApplication
{
    /// <summary>GATEWAY_MESSAGE_CONTENT: the message content intent is enabled.</summary>
    public const long GatewayMessageContent = 1L << 18;

    /// <summary>GATEWAY_MESSAGE_CONTENT_LIMITED: enabled for an unverified bot in fewer than 100 servers.</summary>
    public const long GatewayMessageContentLimited = 1L << 19;

    public string Id { get; init; } = "";

    public string? Name { get; init; }

    public long Flags { get; init; }

    /// <summary>True when either message content flag is set.</summary>
    [JsonIgnore]
    public bool HasMessageContentIntent => (Flags & (GatewayMessageContent | GatewayMessageContentLimited)) != 0;
}

/// <summary>A guild role; <see cref="Permissions"/> is a decimal bit string.</summary>
public sealed record DiscordRole
{
    public string Id { get; init; } = "";

    public string? Name { get; init; }

    public string? Permissions { get; init; }

    public int Position { get; init; }
}

/// <summary><c>GET /guilds/{id}?with_counts=true</c>.</summary>
public sealed record DiscordGuild
{
    public string Id { get; init; } = "";

    public string? Name { get; init; }

    public string? OwnerId { get; init; }

    public IReadOnlyList<DiscordRole> Roles { get; init; } = [];

    public int? ApproximateMemberCount { get; init; }
}

/// <summary>A channel permission overwrite: <see cref="Type"/> 0 is a role, 1 a member; allow/deny are bit strings.</summary>
public sealed record DiscordPermissionOverwrite
{
    public const int RoleType = 0;
    public const int MemberType = 1;

    public string Id { get; init; } = "";

    public int Type { get; init; }

    public string? Allow { get; init; }

    public string? Deny { get; init; }
}

/// <summary>A guild channel from <c>GET /guilds/{id}/channels</c>.</summary>
public sealed record DiscordChannel
{
    public const int GuildText = 0;
    public const int GuildAnnouncement = 5;

    public string Id { get; init; } = "";

    public int Type { get; init; }

    public string? Name { get; init; }

    public int Position { get; init; }

    public string? ParentId { get; init; }

    public IReadOnlyList<DiscordPermissionOverwrite>? PermissionOverwrites { get; init; }

    /// <summary>Text (0) and announcement (5) channels: the ones holding messages we read.</summary>
    [JsonIgnore]
    public bool IsTextLike => Type is GuildText or GuildAnnouncement;
}

/// <summary><c>GET /guilds/{id}/members/{user_id}</c>.</summary>
public sealed record DiscordGuildMember
{
    public DiscordUser? User { get; init; }

    public string? Nick { get; init; }

    public IReadOnlyList<string> Roles { get; init; } = [];
}

/// <summary>A message from <c>GET /channels/{id}/messages</c> (only the fields we use).</summary>
public sealed record DiscordMessage
{
    /// <summary>DEFAULT.</summary>
    public const int DefaultType = 0;

    /// <summary>REPLY.</summary>
    public const int ReplyType = 19;

    /// <summary>CHAT_INPUT_COMMAND (a slash command's answer).</summary>
    public const int ChatInputCommandType = 20;

    /// <summary>CONTEXT_MENU_COMMAND.</summary>
    public const int ContextMenuCommandType = 23;

    public string Id { get; init; } = "";

    public int Type { get; init; }

    public string? ChannelId { get; init; }

    public DiscordUser? Author { get; init; }

    public string? Content { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    public DateTimeOffset? EditedTimestamp { get; init; }

    public DiscordMessageReference? MessageReference { get; init; }

    public DiscordThread? Thread { get; init; }
}

public sealed record DiscordMessageReference
{
    public string? MessageId { get; init; }

    public string? ChannelId { get; init; }
}

/// <summary>The thread a message started (<c>thread.id</c>).</summary>
public sealed record DiscordThread
{
    public string Id { get; init; } = "";
}
