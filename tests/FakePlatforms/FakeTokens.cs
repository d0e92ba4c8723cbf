namespace Connections.FakePlatforms;

/// <summary>
/// Token prefixes that choose how the fake platforms answer, and the fixed ids of the fake data.
/// A token's scenario is the longest prefix below that it starts with; per-token state ("once" faults,
/// revocation) is keyed by the full token, so give every test its own token with <see cref="Unique"/>.
/// </summary>
public static class FakeTokens
{
    /// <summary>Returns <paramref name="prefix"/> + "-" + a random suffix, e.g. <c>xoxb-fake-valid-3f9c0a1b2d4e</c>.</summary>
    public static string Unique(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
    }

    public static class Slack
    {
        // Bot tokens (xoxb-).
        public const string Valid = "xoxb-fake-valid";
        public const string Invalid = "xoxb-fake-invalid";
        public const string Revoked = "xoxb-fake-revoked";
        public const string Expired = "xoxb-fake-expired";
        public const string Inactive = "xoxb-fake-inactive";
        public const string WrongTokenType = "xoxb-fake-wrong-type";
        public const string MissingScope = "xoxb-fake-missing-scope";
        public const string ListMissingScope = "xoxb-fake-list-missing-scope";
        public const string RateLimitedOnce = "xoxb-fake-ratelimited-once";
        public const string RateLimited = "xoxb-fake-ratelimited";
        public const string ServerErrorOnce = "xoxb-fake-5xx-once";
        public const string ServerError = "xoxb-fake-5xx";
        public const string InternalError = "xoxb-fake-internal-error";
        public const string FatalError = "xoxb-fake-fatal-error";
        public const string Garbage = "xoxb-fake-garbage";
        public const string Slow = "xoxb-fake-slow";
        public const string ManyChannels = "xoxb-fake-many";
        public const string OtherTeam = "xoxb-fake-other-team";
        /// <summary>Valid, team <see cref="HistoryTeamId"/>: the firehose (2,500 messages) and the always-429 channel of <see cref="FakeHistory.Slack"/>.</summary>
        public const string History = "xoxb-fake-history";
        /// <summary>Valid, team <see cref="BenchTeamId"/>: 50 channels × 2,000 messages, generated on demand.</summary>
        public const string Bench = "xoxb-fake-bench";
        /// <summary>Valid (Fake Workspace) until its 2nd conversations.history/replies call has been answered; then <c>token_revoked</c>.</summary>
        public const string RevokeAfter2 = "xoxb-fake-revoke-after-2";

        // App-level tokens (xapp-) for Socket Mode.
        public const string AppValid = "xapp-fake-valid";
        public const string AppInvalid = "xapp-fake-invalid";

        // What a valid bot token is.
        public const string TeamId = "T0FAKE001";
        public const string TeamName = "Fake Workspace";
        public const string TeamUrl = "https://fake-workspace.slack.com/";
        public const string OtherTeamId = "T0OTHER01";
        public const string OtherTeamName = "Other Workspace";
        public const string ManyTeamId = "T0MANY001";
        public const string ManyTeamName = "Many Channels Workspace";
        public const string HistoryTeamId = "T0HIST001";
        public const string HistoryTeamName = "History Workspace";
        public const string BenchTeamId = "T0BENCH01";
        public const string BenchTeamName = "Bench Workspace";
        public const string BotUserId = "U0FAKEBOT";
        public const string BotUserName = "connections-bot";
        public const string BotId = "B0FAKEBOT";
        public const string AppId = "A0FAKEAPP";
        public const string AllScopes = "channels:history,channels:read,groups:read,users:read";
        public const int ManyChannelsCount = 450;

        // Channels of the Fake Workspace (also used, with other ids, by the Other Workspace).
        public const string GeneralChannelId = "C0FAKEGEN1";
        public const string RandomChannelId = "C0FAKERND1";
        public const string EngineeringChannelId = "C0FAKEENG1";
        public const string DesignChannelId = "C0FAKEDSN1";
        public const string AnnouncementsChannelId = "C0FAKEANN1";
        /// <summary>Private, the bot is a member: listed with <c>types=private_channel</c> and groups:read.</summary>
        public const string PrivateChannelId = "G0FAKEPRV1";
        /// <summary>Private, the bot is not a member: never listed.</summary>
        public const string HiddenPrivateChannelId = "G0FAKEHID1";
        /// <summary>Public and archived: left out with <c>exclude_archived=true</c>.</summary>
        public const string ArchivedChannelId = "C0FAKEARC1";
        public const int PublicChannelCount = 5;
    }

    public static class Discord
    {
        /// <summary>First token part: base64url of <see cref="BotUserId"/>, as in real bot tokens.</summary>
        private const string TokenHead = "MTEwMDAwMDAwMDAwMDAwMDEwMA.fake.";

        public const string Valid = TokenHead + "valid";
        public const string Invalid = TokenHead + "invalid";
        public const string RateLimitedOnce = TokenHead + "ratelimited-once";
        public const string RateLimited = TokenHead + "ratelimited";
        public const string ServerErrorOnce = TokenHead + "5xx-once";
        public const string ServerError = TokenHead + "5xx";
        public const string Slow = TokenHead + "slow";
        public const string NoMessageContent = TokenHead + "no-message-content";
        /// <summary>Valid until its 2nd <c>channels/{id}/messages</c> call has been answered; then 401.</summary>
        public const string RevokeAfter2 = TokenHead + "revoke-after-2";
        /// <summary>Valid; meant for the bench guild (<see cref="FakeHistory.Discord.BenchGuildId"/>), which any valid token can read.</summary>
        public const string Bench = TokenHead + "bench";

        public const string BotUserId = "1100000000000000100";
        public const string ApplicationId = BotUserId;
        public const string BotUserName = "connections-bot";
        public const string BotGlobalName = "Connections Bot";

        /// <summary>GATEWAY_GUILD_MEMBERS_LIMITED (1&lt;&lt;15) | GATEWAY_MESSAGE_CONTENT_LIMITED (1&lt;&lt;19): an unverified bot with both intents on.</summary>
        public const long ValidApplicationFlags = (1L << 15) | (1L << 19);
        /// <summary>Only GATEWAY_GUILD_MEMBERS_LIMITED: neither MESSAGE_CONTENT bit (1&lt;&lt;18, 1&lt;&lt;19).</summary>
        public const long NoMessageContentApplicationFlags = 1L << 15;

        /// <summary>The bot is a member; see the channel ids below.</summary>
        public const string GuildId = "1100000000000000001";
        public const string GuildName = "Fake Guild";
        /// <summary>Bot is a member, but neither @everyone nor the bot role has READ_MESSAGE_HISTORY.</summary>
        public const string NoHistoryGuildId = "1100000000000000002";
        /// <summary>300 text channels, all readable, in one unpaginated answer.</summary>
        public const string ManyChannelsGuildId = "1100000000000000003";
        public const int ManyChannelsCount = 300;
        /// <summary>404 <c>{"message":"Unknown Guild","code":10004}</c> (as does any id not listed here).</summary>
        public const string UnknownGuildId = "1100000000000000404";
        /// <summary>403 <c>{"message":"Missing Access","code":50001}</c>.</summary>
        public const string MissingAccessGuildId = "1100000000000000403";

        // Roles and channels of the Fake Guild.
        public const string BotRoleId = "1100000000000000011";
        public const string ModeratorRoleId = "1100000000000000012";
        public const string CategoryChannelId = "1100000000000000020";
        /// <summary>Text (type 0), visible and readable.</summary>
        public const string GeneralChannelId = "1100000000000000021";
        /// <summary>Announcement (type 5), visible and readable.</summary>
        public const string AnnouncementsChannelId = "1100000000000000022";
        /// <summary>Private text: @everyone denies VIEW_CHANNEL, the bot role allows it.</summary>
        public const string StaffChannelId = "1100000000000000023";
        /// <summary>Private text the bot cannot view: @everyone denies VIEW_CHANNEL, only moderators may.</summary>
        public const string SecretChannelId = "1100000000000000024";
        /// <summary>Voice (type 2).</summary>
        public const string VoiceChannelId = "1100000000000000025";
        /// <summary>Forum (type 15).</summary>
        public const string ForumChannelId = "1100000000000000026";
    }
}
