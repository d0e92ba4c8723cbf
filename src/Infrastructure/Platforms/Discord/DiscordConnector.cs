using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Infrastructure.Platforms.Discord;

/// <summary>
/// Checks a Discord bot token against one guild: the bot user, its application's message content intent, the guild
/// (membership, roles), the bot's own member (its roles) and the guild's channels, computing the bot's real
/// permissions in each channel.
/// </summary>
/// <remarks>
/// Discord has no OAuth scopes for bots; we name the abilities the product needs as scopes so a permission failure
/// reads like Slack's: <c>guild.messages</c> (message content intent and READ_MESSAGE_HISTORY), <c>guild.channels</c>
/// (VIEW_CHANNEL on a text channel), <c>guild.members</c> (reading its own member, i.e. being in the guild).
/// </remarks>
public sealed class DiscordConnector : IPlatformConnector
{
    public const string MessagesScope = "guild.messages";
    public const string ChannelsScope = "guild.channels";
    public const string MembersScope = "guild.members";

    /// <summary>The abilities the product needs from a Discord bot, named as scopes.</summary>
    public static readonly IReadOnlyList<string> RequiredScopes = [MessagesScope, ChannelsScope, MembersScope];

    private readonly DiscordClient _client;

    public DiscordConnector(DiscordClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    public Platform Platform => Platform.Discord;

    public async Task<Result<PlatformProbe>> ProbeAsync(PlatformCredentials credentials, bool previouslyValid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var token = credentials.BotToken;
        if (string.IsNullOrWhiteSpace(credentials.GuildId))
        {
            return new PlatformError(ConnectionErrorCode.InvalidCredentials, "A Discord connection needs the id of the server (guild) to read.");
        }

        var guildId = credentials.GuildId.Trim();

        var user = await _client.GetCurrentUserAsync(token, cancellationToken);
        if (user.IsFailure)
        {
            return Diagnose(user.Error, previouslyValid, missing: RequiredScopes);
        }

        var application = await _client.GetCurrentApplicationAsync(token, cancellationToken);
        if (application.IsFailure)
        {
            return Diagnose(application.Error, previouslyValid, missing: RequiredScopes);
        }

        var guild = await _client.GetGuildAsync(token, guildId, cancellationToken);
        if (guild.IsFailure)
        {
            // Not in the guild: the bot can do none of what we need there.
            return Diagnose(guild.Error, previouslyValid, missing: RequiredScopes);
        }

        var member = await _client.GetGuildMemberAsync(token, guildId, user.Value.Id, cancellationToken);
        if (member.IsFailure)
        {
            return Diagnose(member.Error, previouslyValid, missing: [MembersScope]);
        }

        var channels = await _client.GetGuildChannelsAsync(token, guildId, cancellationToken);
        if (channels.IsFailure)
        {
            return Diagnose(channels.Error, previouslyValid, missing: [ChannelsScope]);
        }

        var botId = user.Value.Id;
        var roleIds = member.Value.Roles;
        var basePermissions = DiscordPermissions.ComputeBase(guild.Value, botId, roleIds);

        var visible = new List<(DiscordChannel Channel, ulong Permissions)>();
        foreach (var channel in channels.Value.Where(c => c.IsTextLike))
        {
            var permissions = DiscordPermissions.ComputeChannel(basePermissions, guild.Value.Id, botId, roleIds, channel.PermissionOverwrites);
            if (DiscordPermissions.Has(permissions, DiscordPermissions.ViewChannel))
            {
                visible.Add((channel, permissions));
            }
        }

        var canReadHistory = visible.Any(v => DiscordPermissions.Has(v.Permissions, DiscordPermissions.ReadMessageHistory));
        var missing = new List<string>();
        var problems = new List<string>();
        if (!application.Value.HasMessageContentIntent || (visible.Count > 0 && !canReadHistory))
        {
            missing.Add(MessagesScope);
        }

        if (!application.Value.HasMessageContentIntent)
        {
            problems.Add("enable the Message Content intent (Developer Portal → Bot → Privileged Gateway Intents)");
        }

        if (visible.Count == 0)
        {
            missing.Add(ChannelsScope);
            problems.Add("give the bot the View Channels permission on at least one text channel");
        }
        else if (!canReadHistory)
        {
            problems.Add("give the bot the Read Message History permission on the channels it should read");
        }

        if (missing.Count > 0)
        {
            return new PlatformError(
                ConnectionErrorCode.InsufficientPermissions,
                $"The Discord bot cannot read messages in this server yet: {string.Join("; ", problems)}.",
                RequiredScopes,
                missing);
        }

        var result = visible
            .OrderBy(v => v.Channel.Position)
            .ThenBy(v => ulong.TryParse(v.Channel.Id, out var id) ? id : ulong.MaxValue)
            .Select(v => new PlatformChannel(
                v.Channel.Id,
                v.Channel.Name ?? v.Channel.Id,
                DiscordPermissions.IsPrivate(guild.Value.Id, v.Channel.PermissionOverwrites),
                MemberCount: null,
                CanReadHistory: DiscordPermissions.Has(v.Permissions, DiscordPermissions.ReadMessageHistory)))
            .ToArray();

        var bot = user.Value;
        return new PlatformProbe(
            new PlatformIdentity(
                guild.Value.Id,
                guild.Value.Name,
                bot.Id,
                bot.Username ?? bot.GlobalName,
                string.IsNullOrEmpty(application.Value.Id) ? null : application.Value.Id,
                RequiredScopes),
            result);
    }

    /// <summary>
    /// A 401 on a token that validated before means it was reset: AUTH_EXPIRED. A permission failure names every
    /// scope we need and the ones this step showed to be missing.
    /// </summary>
    private static Error Diagnose(Error error, bool previouslyValid, IReadOnlyList<string> missing) => error switch
    {
        PlatformError { ErrorCode: ConnectionErrorCode.InvalidCredentials } invalid when previouslyValid => new PlatformError(
            ConnectionErrorCode.AuthExpired,
            "Discord no longer accepts this bot token: it was reset or the bot was deleted. Paste the new token.",
            retryAfter: invalid.RetryAfter),
        PlatformError { ErrorCode: ConnectionErrorCode.InsufficientPermissions } denied => new PlatformError(
            ConnectionErrorCode.InsufficientPermissions,
            denied.Message,
            RequiredScopes,
            missing),
        _ => error,
    };
}
