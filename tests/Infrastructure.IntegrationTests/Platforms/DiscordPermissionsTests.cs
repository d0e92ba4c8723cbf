using Connections.Infrastructure.Platforms.Discord;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

public class DiscordPermissionsTests
{
    private const string GuildId = "100";
    private const string BotId = "200";
    private const string BotRole = "300";
    private const string OtherRole = "400";

    private static readonly string View = DiscordPermissions.ViewChannel.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static readonly string ViewAndHistory =
        (DiscordPermissions.ViewChannel | DiscordPermissions.ReadMessageHistory).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DiscordGuild Guild(string everyone, string botRole, string? ownerId = null) => new()
    {
        Id = GuildId,
        OwnerId = ownerId,
        Roles =
        [
            new DiscordRole { Id = GuildId, Name = "@everyone", Permissions = everyone },
            new DiscordRole { Id = BotRole, Name = "bot", Permissions = botRole },
            new DiscordRole { Id = OtherRole, Name = "moderator", Permissions = ViewAndHistory },
        ],
    };

    private static DiscordPermissionOverwrite Role(string id, string allow = "0", string deny = "0") =>
        new() { Id = id, Type = DiscordPermissionOverwrite.RoleType, Allow = allow, Deny = deny };

    private static DiscordPermissionOverwrite Member(string id, string allow = "0", string deny = "0") =>
        new() { Id = id, Type = DiscordPermissionOverwrite.MemberType, Allow = allow, Deny = deny };

    [Test]
    public void ComputeBase_WhenMemberHasRoles_ShouldCombineEveryoneAndOwnRolesOnly()
    {
        var permissions = DiscordPermissions.ComputeBase(Guild(everyone: View, botRole: "65536"), BotId, [BotRole]);

        permissions.ShouldBe(DiscordPermissions.ViewChannel | DiscordPermissions.ReadMessageHistory);
    }

    [Test]
    public void ComputeBase_WhenARoleHasAdministrator_ShouldGrantEverything()
    {
        DiscordPermissions.ComputeBase(Guild(everyone: "0", botRole: "8"), BotId, [BotRole]).ShouldBe(DiscordPermissions.All);
    }

    [Test]
    public void ComputeBase_WhenMemberOwnsTheGuild_ShouldGrantEverything()
    {
        DiscordPermissions.ComputeBase(Guild(everyone: "0", botRole: "0", ownerId: BotId), BotId, []).ShouldBe(DiscordPermissions.All);
    }

    [Test]
    public void ComputeBase_WhenRoleIsNotTheMembers_ShouldIgnoreIt()
    {
        DiscordPermissions.ComputeBase(Guild(everyone: "0", botRole: "0"), BotId, [BotRole]).ShouldBe(DiscordPermissions.None);
    }

    [Test]
    public void ComputeChannel_WhenEveryoneDeniesViewAndRoleAllows_ShouldSeeTheChannel()
    {
        var permissions = DiscordPermissions.ComputeChannel(
            DiscordPermissions.ViewChannel | DiscordPermissions.ReadMessageHistory, GuildId, BotId, [BotRole],
            [Role(GuildId, deny: View), Role(BotRole, allow: View)]);

        DiscordPermissions.Has(permissions, DiscordPermissions.ViewChannel).ShouldBeTrue();
        DiscordPermissions.Has(permissions, DiscordPermissions.ReadMessageHistory).ShouldBeTrue();
    }

    [Test]
    public void ComputeChannel_WhenEveryoneDeniesViewAndOnlyAnotherRoleAllows_ShouldSeeNothing()
    {
        var permissions = DiscordPermissions.ComputeChannel(
            DiscordPermissions.ViewChannel | DiscordPermissions.ReadMessageHistory, GuildId, BotId, [BotRole],
            [Role(GuildId, deny: View), Role(OtherRole, allow: View)]);

        permissions.ShouldBe(DiscordPermissions.None);
    }

    [Test]
    public void ComputeChannel_WhenOneRoleDeniesAndAnotherAllows_ShouldLetTheAllowWin()
    {
        // Role overwrites are combined: all denies are applied first, then all allows.
        var permissions = DiscordPermissions.ComputeChannel(
            DiscordPermissions.ViewChannel, GuildId, BotId, [BotRole, OtherRole],
            [Role(BotRole, deny: View), Role(OtherRole, allow: View)]);

        DiscordPermissions.Has(permissions, DiscordPermissions.ViewChannel).ShouldBeTrue();
    }

    [Test]
    public void ComputeChannel_WhenMemberOverwriteDenies_ShouldOverrideRoleAllow()
    {
        var permissions = DiscordPermissions.ComputeChannel(
            DiscordPermissions.ViewChannel, GuildId, BotId, [BotRole],
            [Role(BotRole, allow: ViewAndHistory), Member(BotId, deny: "65536")]);

        DiscordPermissions.Has(permissions, DiscordPermissions.ViewChannel).ShouldBeTrue();
        DiscordPermissions.Has(permissions, DiscordPermissions.ReadMessageHistory).ShouldBeFalse();
    }

    [Test]
    public void ComputeChannel_WhenAMemberOverwriteIsForSomeoneElse_ShouldIgnoreIt()
    {
        var permissions = DiscordPermissions.ComputeChannel(
            DiscordPermissions.ViewChannel, GuildId, BotId, [], [Member("999", deny: View)]);

        DiscordPermissions.Has(permissions, DiscordPermissions.ViewChannel).ShouldBeTrue();
    }

    [Test]
    public void ComputeChannel_WhenBaseHasAdministrator_ShouldIgnoreDenies()
    {
        DiscordPermissions.ComputeChannel(DiscordPermissions.All, GuildId, BotId, [], [Role(GuildId, deny: View), Member(BotId, deny: View)])
            .ShouldBe(DiscordPermissions.All);
    }

    [Test]
    public void ComputeChannel_WhenViewIsDenied_ShouldImplicitlyDenyHistoryToo()
    {
        DiscordPermissions.ComputeChannel(
                DiscordPermissions.ViewChannel | DiscordPermissions.ReadMessageHistory, GuildId, BotId, [], [Role(GuildId, deny: View)])
            .ShouldBe(DiscordPermissions.None);
    }

    [TestCase("1024", 1024UL)]
    [TestCase("18446744073709551615", ulong.MaxValue)]
    [TestCase("", 0UL)]
    [TestCase(null, 0UL)]
    [TestCase("-1", 0UL)]
    [TestCase("12ab", 0UL)]
    public void Parse_WhenGivenABitString_ShouldReadItAsUnsigned(string? bits, ulong expected)
    {
        DiscordPermissions.Parse(bits).ShouldBe(expected);
    }

    [Test]
    public void IsPrivate_WhenEveryoneOverwriteDeniesView_ShouldBeTrue()
    {
        DiscordPermissions.IsPrivate(GuildId, [Role(GuildId, deny: View), Role(BotRole, allow: View)]).ShouldBeTrue();
    }

    [Test]
    public void IsPrivate_WhenOnlyAnotherRoleIsDeniedView_ShouldBeFalse()
    {
        DiscordPermissions.IsPrivate(GuildId, [Role(OtherRole, deny: View)]).ShouldBeFalse();
        DiscordPermissions.IsPrivate(GuildId, null).ShouldBeFalse();
    }
}
