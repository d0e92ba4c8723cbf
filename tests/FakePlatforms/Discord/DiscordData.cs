using System.Globalization;
using D = Connections.FakePlatforms.FakeTokens.Discord;
using H = Connections.FakePlatforms.FakeHistory.Discord;

namespace Connections.FakePlatforms.Discord;

internal static class DiscordPermissions
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ViewChannel = 1UL << 10;
    public const ulong SendMessages = 1UL << 11;
    public const ulong ManageMessages = 1UL << 13;
    public const ulong ReadMessageHistory = 1UL << 16;
    public const ulong Connect = 1UL << 20;

    public const ulong Everyone = ViewChannel | ReadMessageHistory | SendMessages;
}

internal enum DiscordChannelType
{
    GuildText = 0,
    GuildVoice = 2,
    GuildCategory = 4,
    GuildAnnouncement = 5,
    GuildForum = 15,
}

internal enum DiscordOverwriteType
{
    Role = 0,
    Member = 1,
}

internal sealed record DiscordRole(string Id, string Name, ulong Permissions, int Position, bool Managed = false);

internal sealed record DiscordOverwrite(string Id, DiscordOverwriteType Type, ulong Allow, ulong Deny);

/// <summary>A guild channel; its messages are generated (<see cref="DiscordHistory.Generate"/>).</summary>
internal sealed record DiscordChannel(
    string Id,
    DiscordChannelType Type,
    string Name,
    int Position,
    string? ParentId = null,
    IReadOnlyList<DiscordOverwrite>? Overwrites = null,
    string? Topic = null,
    DiscordHistoryKind History = DiscordHistoryKind.Seeded,
    int MessageCount = H.SeededCount)
{
    public IReadOnlyList<DiscordOverwrite> PermissionOverwrites => Overwrites ?? [];

    public bool HoldsMessages => Type is DiscordChannelType.GuildText or DiscordChannelType.GuildAnnouncement or DiscordChannelType.GuildVoice;
}

/// <summary>A guild the bot is in: roles (the first is @everyone, id == guild id), channels, the bot's roles.</summary>
internal sealed record DiscordGuild(
    string Id,
    string Name,
    IReadOnlyList<DiscordRole> Roles,
    IReadOnlyList<string> BotRoleIds,
    IReadOnlyList<DiscordChannel> Channels,
    int MemberCount);

internal enum GuildAccess
{
    Member,
    Unknown,
    MissingAccess,
}

/// <summary>The seeded, read-only Discord world.</summary>
internal sealed class DiscordData
{
    /// <summary>When the bot joined every guild (ISO 8601, as Discord sends it).</summary>
    public const string JoinedAt = "2023-11-14T22:13:20.000000+00:00";

    private readonly Dictionary<string, DiscordGuild> _guilds = new[]
    {
        FakeGuild(),
        NoHistoryGuild(),
        ManyChannelsGuild(),
        HistoryGuild(),
        BenchGuild(),
    }.ToDictionary(g => g.Id, StringComparer.Ordinal);

    private readonly Dictionary<string, (DiscordGuild Guild, DiscordChannel Channel)> _channels;

    public DiscordData() =>
        _channels = _guilds.Values
            .SelectMany(g => g.Channels.Select(c => (Guild: g, Channel: c)))
            .ToDictionary(p => p.Channel.Id, StringComparer.Ordinal);

    /// <summary>The channel with this id in any guild, or false (404 Unknown Channel).</summary>
    public bool TryFindChannel(string channelId, out DiscordGuild guild, out DiscordChannel channel)
    {
        var found = _channels.TryGetValue(channelId, out var pair);
        (guild, channel) = pair;
        return found;
    }

    /// <summary>The bot's permissions in a channel: base roles, then @everyone, role and member overwrites (ADMINISTRATOR grants all).</summary>
    public static ulong BotPermissionsIn(DiscordGuild guild, DiscordChannel channel)
    {
        var permissions = guild.Roles.Where(r => r.Id == guild.Id || guild.BotRoleIds.Contains(r.Id)).Aggregate(0UL, (p, r) => p | r.Permissions);
        if ((permissions & DiscordPermissions.Administrator) != 0)
        {
            return ulong.MaxValue;
        }

        foreach (var o in channel.PermissionOverwrites.Where(o => o.Type == DiscordOverwriteType.Role && o.Id == guild.Id))
        {
            permissions = (permissions & ~o.Deny) | o.Allow;
        }

        var roles = channel.PermissionOverwrites.Where(o => o.Type == DiscordOverwriteType.Role && guild.BotRoleIds.Contains(o.Id)).ToList();
        permissions = (permissions & ~roles.Aggregate(0UL, (d, o) => d | o.Deny)) | roles.Aggregate(0UL, (a, o) => a | o.Allow);
        foreach (var o in channel.PermissionOverwrites.Where(o => o.Type == DiscordOverwriteType.Member && o.Id == D.BotUserId))
        {
            permissions = (permissions & ~o.Deny) | o.Allow;
        }

        return permissions;
    }

    public GuildAccess Find(string guildId, out DiscordGuild? guild)
    {
        guild = _guilds.GetValueOrDefault(guildId);
        return guild is not null ? GuildAccess.Member
            : guildId == D.MissingAccessGuildId ? GuildAccess.MissingAccess
            : GuildAccess.Unknown;
    }

    private static DiscordRole Everyone(string guildId, ulong permissions) => new(guildId, "@everyone", permissions, 0);

    private static DiscordRole BotRole(string id, ulong permissions) => new(id, "Connections", permissions, 1, Managed: true);

    private static DiscordGuild FakeGuild()
    {
        var hiddenFromEveryone = new DiscordOverwrite(D.GuildId, DiscordOverwriteType.Role, 0, DiscordPermissions.ViewChannel);
        return new DiscordGuild(
            D.GuildId,
            D.GuildName,
            [
                Everyone(D.GuildId, DiscordPermissions.Everyone),
                BotRole(D.BotRoleId, DiscordPermissions.Everyone),
                new(D.ModeratorRoleId, "Moderators", DiscordPermissions.Everyone | DiscordPermissions.ManageMessages, 2),
            ],
            [D.BotRoleId],
            [
                new(D.CategoryChannelId, DiscordChannelType.GuildCategory, "Text Channels", 0),
                new(D.GeneralChannelId, DiscordChannelType.GuildText, "general", 0, D.CategoryChannelId, Topic: "Say hi"),
                new(D.AnnouncementsChannelId, DiscordChannelType.GuildAnnouncement, "announcements", 1, D.CategoryChannelId),
                new(D.StaffChannelId, DiscordChannelType.GuildText, "staff", 2, D.CategoryChannelId,
                [
                    hiddenFromEveryone,
                    new(D.BotRoleId, DiscordOverwriteType.Role, DiscordPermissions.ViewChannel, 0),
                    new(D.ModeratorRoleId, DiscordOverwriteType.Role, DiscordPermissions.ViewChannel, 0),
                ]),
                new(D.SecretChannelId, DiscordChannelType.GuildText, "secret", 3, D.CategoryChannelId,
                [
                    hiddenFromEveryone,
                    new(D.ModeratorRoleId, DiscordOverwriteType.Role, DiscordPermissions.ViewChannel, 0),
                ]),
                new(D.VoiceChannelId, DiscordChannelType.GuildVoice, "Lounge", 4, D.CategoryChannelId),
                new(D.ForumChannelId, DiscordChannelType.GuildForum, "help", 5, D.CategoryChannelId),
            ],
            MemberCount: 42);
    }

    private static DiscordGuild NoHistoryGuild()
    {
        const ulong viewAndSend = DiscordPermissions.ViewChannel | DiscordPermissions.SendMessages;
        return new DiscordGuild(
            D.NoHistoryGuildId,
            "No History Guild",
            [Everyone(D.NoHistoryGuildId, viewAndSend), BotRole("1100000000000000211", viewAndSend)],
            ["1100000000000000211"],
            [
                new("1100000000000000221", DiscordChannelType.GuildText, "general", 0),
                new("1100000000000000222", DiscordChannelType.GuildText, "chat", 1),
            ],
            MemberCount: 8);
    }

    private static DiscordGuild HistoryGuild() => new(
        H.HistoryGuildId,
        "History Guild",
        [Everyone(H.HistoryGuildId, DiscordPermissions.Everyone), BotRole("1100000000000000411", DiscordPermissions.Everyone)],
        ["1100000000000000411"],
        [
            new(H.ManyMessagesChannelId, DiscordChannelType.GuildText, "firehose", 0, History: DiscordHistoryKind.Plain, MessageCount: H.ManyMessagesCount),
            new(H.RateLimitedChannelId, DiscordChannelType.GuildText, "rate-limited", 1, History: DiscordHistoryKind.RateLimited),
            new(H.ShortIdsChannelId, DiscordChannelType.GuildText, "old-ids", 2, History: DiscordHistoryKind.Plain, MessageCount: H.ShortIdsCount),
            new(H.NoReadHistoryChannelId, DiscordChannelType.GuildText, "read-only-log", 3, Overwrites:
                [new("1100000000000000411", DiscordOverwriteType.Role, 0, DiscordPermissions.ReadMessageHistory)],
                History: DiscordHistoryKind.Plain, MessageCount: 10),
        ],
        MemberCount: 3);

    private static DiscordGuild BenchGuild() => new(
        H.BenchGuildId,
        "Bench Guild",
        [Everyone(H.BenchGuildId, DiscordPermissions.Everyone), BotRole("1100000000000000511", DiscordPermissions.Everyone)],
        ["1100000000000000511"],
        [.. Enumerable.Range(1, H.BenchChannelCount).Select(i => new DiscordChannel(
            H.BenchChannelId(i),
            DiscordChannelType.GuildText,
            "bench-" + i.ToString("D3", CultureInfo.InvariantCulture),
            i - 1,
            History: DiscordHistoryKind.Plain,
            MessageCount: H.BenchMessagesPerChannel))],
        MemberCount: 50);

    private static DiscordGuild ManyChannelsGuild() => new(
        D.ManyChannelsGuildId,
        "Many Channels Guild",
        [Everyone(D.ManyChannelsGuildId, DiscordPermissions.Everyone), BotRole("1100000000000000311", DiscordPermissions.Everyone)],
        ["1100000000000000311"],
        [.. Enumerable.Range(1, D.ManyChannelsCount).Select(i => new DiscordChannel(
            "11000000000001" + i.ToString("D5", CultureInfo.InvariantCulture),
            DiscordChannelType.GuildText,
            "channel-" + i.ToString("D3", CultureInfo.InvariantCulture),
            i - 1))],
        MemberCount: 1234);
}
