using System.Globalization;
using System.Text.Json.Serialization;
using D = Connections.FakePlatforms.FakeTokens.Discord;

namespace Connections.FakePlatforms.Discord;

internal sealed record DiscordErrorDto(string Message, int Code);

internal sealed record DiscordRateLimitDto(string Message, double RetryAfter, bool Global);

internal sealed record DiscordUserDto(
    string Id,
    string Username,
    string Discriminator,
    string? GlobalName,
    string? Avatar,
    bool Bot,
    int PublicFlags)
{
    public static readonly DiscordUserDto BotUser = new(D.BotUserId, D.BotUserName, "0", D.BotGlobalName, null, Bot: true, 0);
}

internal sealed record DiscordApplicationDto(
    string Id,
    string Name,
    string? Icon,
    string Description,
    bool BotPublic,
    bool BotRequireCodeGrant,
    long Flags,
    DiscordUserDto Bot);

internal sealed record DiscordRoleDto(
    string Id,
    string Name,
    int Color,
    bool Hoist,
    int Position,
    string Permissions,
    bool Managed,
    bool Mentionable,
    int Flags)
{
    public static DiscordRoleDto From(DiscordRole role) =>
        new(role.Id, role.Name, 0, false, role.Position, Bits(role.Permissions), role.Managed, false, 0);

    public static string Bits(ulong permissions) => permissions.ToString(CultureInfo.InvariantCulture);
}

internal sealed record DiscordGuildDto(
    string Id,
    string Name,
    string? Icon,
    string OwnerId,
    IReadOnlyList<DiscordRoleDto> Roles,
    IReadOnlyList<string> Features,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ApproximateMemberCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ApproximatePresenceCount)
{
    public static DiscordGuildDto From(DiscordGuild guild, bool withCounts) => new(
        guild.Id,
        guild.Name,
        null,
        "1100000000000000999",
        [.. guild.Roles.Select(DiscordRoleDto.From)],
        [],
        withCounts ? guild.MemberCount : null,
        withCounts ? (guild.MemberCount + 1) / 2 : null);
}

internal sealed record DiscordOverwriteDto(string Id, int Type, string Allow, string Deny);

internal sealed record DiscordChannelDto(
    string Id,
    int Type,
    string GuildId,
    string Name,
    int Position,
    string? ParentId,
    IReadOnlyList<DiscordOverwriteDto> PermissionOverwrites,
    int Flags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Topic,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Nsfw,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RateLimitPerUser,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Bitrate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? UserLimit)
{
    public static DiscordChannelDto From(DiscordChannel channel, DiscordGuild guild)
    {
        var isText = channel.Type is DiscordChannelType.GuildText or DiscordChannelType.GuildAnnouncement or DiscordChannelType.GuildForum;
        var isVoice = channel.Type is DiscordChannelType.GuildVoice;
        return new DiscordChannelDto(
            channel.Id,
            (int)channel.Type,
            guild.Id,
            channel.Name,
            channel.Position,
            channel.ParentId,
            [.. channel.PermissionOverwrites.Select(o => new DiscordOverwriteDto(
                o.Id, (int)o.Type, DiscordRoleDto.Bits(o.Allow), DiscordRoleDto.Bits(o.Deny)))],
            0,
            isText ? channel.Topic ?? "" : null,
            isText ? false : null,
            isText ? 0 : null,
            isVoice ? 64000 : null,
            isVoice ? 0 : null);
    }
}

internal sealed record DiscordMemberDto(
    DiscordUserDto User,
    string? Nick,
    string? Avatar,
    IReadOnlyList<string> Roles,
    string JoinedAt,
    bool Deaf,
    bool Mute,
    int Flags,
    bool Pending);

internal sealed record DiscordMessageAuthorDto(
    string Id,
    string Username,
    string? Avatar,
    string Discriminator,
    int PublicFlags,
    int Flags,
    string? GlobalName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Bot);

internal sealed record DiscordMessageReferenceDto(int Type, string MessageId, string ChannelId, string GuildId);

internal sealed record DiscordThreadDto(string Id, int Type, string GuildId, string ParentId, string Name, int MessageCount, int MemberCount);

internal sealed record DiscordMessageDto(
    int Type,
    string Content,
    IReadOnlyList<object> Mentions,
    IReadOnlyList<string> MentionRoles,
    IReadOnlyList<object> Attachments,
    IReadOnlyList<object> Embeds,
    string Timestamp,
    string? EditedTimestamp,
    int Flags,
    IReadOnlyList<object> Components,
    string Id,
    string ChannelId,
    DiscordMessageAuthorDto Author,
    bool Pinned,
    bool MentionEveryone,
    bool Tts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DiscordMessageReferenceDto? MessageReference,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DiscordThreadDto? Thread)
{
    /// <summary>Discord's timestamps: ISO 8601 with microseconds and an offset.</summary>
    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);

    public static DiscordMessageDto From(FakeDiscordMessage m, DiscordChannel channel, DiscordGuild guild, bool withContent) => new(
        m.Type,
        withContent ? m.Content : "",
        [],
        [],
        [],
        [],
        Time(m.Timestamp),
        m.EditedTimestamp is { } edited ? Time(edited) : null,
        m.StartsThread ? 32 : 0,
        [],
        DiscordHistory.Snowflake(m.Id),
        channel.Id,
        new DiscordMessageAuthorDto(m.Author.Id, m.Author.Username, null, "0", 0, 0, m.Author.GlobalName, m.Author.Bot ? true : null),
        Pinned: false,
        MentionEveryone: false,
        Tts: false,
        m.ReferenceId is { } reference ? new DiscordMessageReferenceDto(0, DiscordHistory.Snowflake(reference), channel.Id, guild.Id) : null,
        m.StartsThread ? new DiscordThreadDto(DiscordHistory.Snowflake(m.Id), 11, guild.Id, channel.Id, "A thread", 3, 2) : null);
}
