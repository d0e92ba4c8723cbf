using System.Globalization;

namespace Connections.Infrastructure.Platforms.Discord;

/// <summary>
/// Discord's permission computation, as its documentation specifies: the base permissions come from the @everyone
/// role (id == guild id) and the member's roles, ADMINISTRATOR (or owning the guild) grants everything, then a
/// channel's overwrites apply in order: @everyone deny/allow, the member's roles' denies/allows (combined), the
/// member's own deny/allow. Bit strings are decimal <see cref="ulong"/>s.
/// </summary>
public static class DiscordPermissions
{
    public const ulong None = 0;
    public const ulong All = ulong.MaxValue;
    public const ulong Administrator = 1UL << 3;
    public const ulong ViewChannel = 1UL << 10;
    public const ulong SendMessages = 1UL << 11;
    public const ulong ReadMessageHistory = 1UL << 16;

    /// <summary>Parses a decimal bit string; null, empty or garbage is no permission at all.</summary>
    public static ulong Parse(string? bits) =>
        ulong.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : None;

    /// <summary>True when every bit of <paramref name="required"/> is in <paramref name="permissions"/>.</summary>
    public static bool Has(ulong permissions, ulong required) => (permissions & required) == required;

    /// <summary>The member's guild-wide permissions.</summary>
    public static ulong ComputeBase(DiscordGuild guild, string memberUserId, IReadOnlyCollection<string> memberRoleIds)
    {
        ArgumentNullException.ThrowIfNull(guild);
        ArgumentNullException.ThrowIfNull(memberRoleIds);

        if (!string.IsNullOrEmpty(guild.OwnerId) && guild.OwnerId == memberUserId)
        {
            return All;
        }

        var permissions = None;
        foreach (var role in guild.Roles)
        {
            if (role.Id == guild.Id || memberRoleIds.Contains(role.Id))
            {
                permissions |= Parse(role.Permissions);
            }
        }

        return Has(permissions, Administrator) ? All : permissions;
    }

    /// <summary>
    /// The member's permissions in a channel. Without VIEW_CHANNEL every other channel permission is implicitly
    /// denied, so the result is then <see cref="None"/>.
    /// </summary>
    public static ulong ComputeChannel(
        ulong basePermissions,
        string guildId,
        string memberUserId,
        IReadOnlyCollection<string> memberRoleIds,
        IReadOnlyList<DiscordPermissionOverwrite>? overwrites)
    {
        ArgumentNullException.ThrowIfNull(memberRoleIds);
        if (Has(basePermissions, Administrator))
        {
            return All;
        }

        var permissions = basePermissions;
        overwrites ??= [];

        var everyone = overwrites.FirstOrDefault(o => o.Type == DiscordPermissionOverwrite.RoleType && o.Id == guildId);
        if (everyone is not null)
        {
            permissions &= ~Parse(everyone.Deny);
            permissions |= Parse(everyone.Allow);
        }

        ulong roleAllow = None, roleDeny = None;
        foreach (var overwrite in overwrites)
        {
            if (overwrite.Type == DiscordPermissionOverwrite.RoleType && overwrite.Id != guildId && memberRoleIds.Contains(overwrite.Id))
            {
                roleAllow |= Parse(overwrite.Allow);
                roleDeny |= Parse(overwrite.Deny);
            }
        }

        permissions &= ~roleDeny;
        permissions |= roleAllow;

        var member = overwrites.FirstOrDefault(o => o.Type == DiscordPermissionOverwrite.MemberType && o.Id == memberUserId);
        if (member is not null)
        {
            permissions &= ~Parse(member.Deny);
            permissions |= Parse(member.Allow);
        }

        return Has(permissions, ViewChannel) ? permissions : None;
    }

    /// <summary>A channel is private when its @everyone overwrite (role id == guild id) denies VIEW_CHANNEL.</summary>
    public static bool IsPrivate(string guildId, IReadOnlyList<DiscordPermissionOverwrite>? overwrites) =>
        overwrites?.Any(o => o.Type == DiscordPermissionOverwrite.RoleType && o.Id == guildId && Has(Parse(o.Deny), ViewChannel)) == true;
}
