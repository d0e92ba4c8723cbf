using System.Globalization;

namespace Connections.FakePlatforms;

/// <summary>
/// The seeded message history of the fake platforms, generated deterministically from channel ids and indexes, so
/// tests can assert exact counts and ids. Index 0 is the oldest message of a channel.
/// </summary>
public static class FakeHistory
{
    /// <summary>
    /// Slack. Every readable channel of the Fake, Other and Many-channels workspaces holds the same seeded layout of
    /// <see cref="SeededTopLevelCount"/> top-level messages, one minute apart:
    /// index 0 <c>channel_join</c> and index 1 <c>channel_topic</c> (system subtypes), index
    /// <see cref="ThreadParentIndex"/> a thread parent with <see cref="SeededReplyCount"/> replies, index
    /// <see cref="EditedIndex"/> edited, index <see cref="BotMessageIndex"/> a <c>bot_message</c>, the rest plain user
    /// messages. The History workspace's firehose and the Bench channels hold plain user messages only.
    /// </summary>
    public static class Slack
    {
        public const int SeededTopLevelCount = 40;
        public const int SeededReplyCount = 5;

        /// <summary>The system messages (<c>channel_join</c>, <c>channel_topic</c>) a reader should skip.</summary>
        public const int SeededSystemCount = 2;

        /// <summary>What a full read of a seeded channel yields: user and bot content, thread replies included.</summary>
        public const int SeededMessageCount = SeededTopLevelCount - SeededSystemCount + SeededReplyCount;

        public const int ThreadParentIndex = 5;
        public const int EditedIndex = 7;
        public const int BotMessageIndex = 9;

        /// <summary>The edit of the edited message happened this long after it was posted.</summary>
        public const int EditDelaySeconds = 30;

        public const string BotMessageBotId = "B0FAKEDPL";
        public const string BotMessageUsername = "deploy-bot";

        /// <summary>The users who post the seeded messages, in turn.</summary>
        public static readonly IReadOnlyList<string> Authors = ["U0FAKEAL1", "U0FAKEBO2", "U0FAKECA3"];

        /// <summary>History workspace (<see cref="FakeTokens.Slack.History"/>): "firehose", 2,500 plain messages.</summary>
        public const string ManyMessagesChannelId = "C0HISTBIG1";
        public const int ManyMessagesCount = 2_500;

        /// <summary>History workspace: history and replies always answer HTTP 429 with <c>Retry-After: 60</c>.</summary>
        public const string RateLimitedChannelId = "C0HISTRTL1";
        public const int RateLimitedRetryAfterSeconds = 60;

        /// <summary>Bench workspace (<see cref="FakeTokens.Slack.Bench"/>): 50 channels of 2,000 plain messages, generated on demand.</summary>
        public const int BenchChannelCount = 50;
        public const int BenchMessagesPerChannel = 2_000;

        /// <summary><see cref="FakeTokens.Slack.RevokeAfter2"/>: after this many history/replies calls the token is revoked.</summary>
        public const int RevokeAfterCalls = 2;

        /// <summary>Unix seconds of the oldest seeded message.</summary>
        public const long FirstMessageAt = 1_700_000_000;

        /// <summary><c>C0BENCH001</c> … <c>C0BENCH050</c>.</summary>
        public static string BenchChannelId(int number) => "C0BENCH" + number.ToString("D3", CultureInfo.InvariantCulture);

        /// <summary>The <c>ts</c> of the top-level message at <paramref name="index"/> (same in every channel).</summary>
        public static string TopLevelTs(int index) => Ts(FirstMessageAt + (index * 60L), 100);

        public static string ThreadParentTs => TopLevelTs(ThreadParentIndex);

        /// <summary>The <c>ts</c> of reply <paramref name="reply"/> (0-based) of the seeded thread.</summary>
        public static string ReplyTs(int reply) => Ts(FirstMessageAt + (ThreadParentIndex * 60L) + reply + 1, 200);

        public static string EditedMessageTs => TopLevelTs(EditedIndex);

        /// <summary>The <c>edited.ts</c> of the edited message.</summary>
        public static string EditedAtTs => Ts(FirstMessageAt + (EditedIndex * 60L) + EditDelaySeconds, 100);

        public static string BotMessageTs => TopLevelTs(BotMessageIndex);

        /// <summary>The newest top-level <c>ts</c> of a seeded channel.</summary>
        public static string NewestSeededTs => TopLevelTs(SeededTopLevelCount - 1);

        public static string NewestManyMessagesTs => TopLevelTs(ManyMessagesCount - 1);

        internal static string Ts(long seconds, long micros) =>
            seconds.ToString(CultureInfo.InvariantCulture) + "." + micros.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Discord. The Fake Guild's general, announcements and staff channels hold <see cref="SeededCount"/> messages,
    /// one minute apart: index 0 a member-join system message (type 7), index <see cref="ThreadStarterIndex"/> a
    /// message that started a thread (<c>thread.id</c> = its id), indexes <see cref="ReplyIndexes"/> replies to it
    /// (type 19, <c>message_reference</c>), index <see cref="EditedIndex"/> edited, index <see cref="BotMessageIndex"/>
    /// by a bot, the rest plain. Authors take turns; the third has no <c>global_name</c>.
    /// </summary>
    public static class Discord
    {
        public const int SeededCount = 40;
        public const int SeededSystemCount = 1;
        public const int SeededMessageCount = SeededCount - SeededSystemCount;
        public const int ThreadStarterIndex = 5;
        public static readonly IReadOnlyList<int> ReplyIndexes = [6, 8];
        public const int EditedIndex = 7;
        public const int BotMessageIndex = 9;
        public const int EditDelaySeconds = 30;

        /// <summary>Discord's epoch (2015-01-01T00:00:00Z) in unix milliseconds.</summary>
        public const long Epoch = 1_420_070_400_000;

        /// <summary>Unix milliseconds of the oldest seeded message.</summary>
        public const long FirstMessageAtMs = 1_700_000_000_000;

        /// <summary>(id, username, global_name) of the authors, in turn.</summary>
        public static readonly IReadOnlyList<(string Id, string Username, string? GlobalName)> Authors =
        [
            ("1100000000000000501", "alice", "Alice A."),
            ("1100000000000000502", "bob", "Bob B."),
            ("1100000000000000503", "carol", null),
        ];

        public const string BotAuthorId = "1100000000000000510";
        public const string BotAuthorName = "deploy-bot";

        /// <summary>The guild holding the history-only channels below; any valid token is a member.</summary>
        public const string HistoryGuildId = "1100000000000000004";

        /// <summary>2,500 plain messages.</summary>
        public const string ManyMessagesChannelId = "1100000000000000041";
        public const int ManyMessagesCount = 2_500;

        /// <summary>Always 429 with <c>retry_after</c> 60.</summary>
        public const string RateLimitedChannelId = "1100000000000000042";
        public const int RateLimitedRetryAfterSeconds = 60;

        /// <summary>
        /// <see cref="ShortIdsCount"/> plain messages whose ids cross from 17 to 18 digits (old snowflakes), so sorting
        /// ids as strings gets the newest wrong.
        /// </summary>
        public const string ShortIdsChannelId = "1100000000000000043";

        /// <summary>A channel of the history guild the bot can view but not read: its role is denied READ_MESSAGE_HISTORY there.</summary>
        public const string NoReadHistoryChannelId = "1100000000000000044";
        public const int ShortIdsCount = 20;
        public const ulong ShortIdsFirstId = 99_999_999_999_999_990;

        /// <summary>Bench guild: 50 channels of 2,000 plain messages, generated on demand.</summary>
        public const string BenchGuildId = "1100000000000000005";
        public const int BenchChannelCount = 50;
        public const int BenchMessagesPerChannel = 2_000;

        /// <summary><see cref="FakeTokens.Discord.RevokeAfter2"/>: after this many message calls the token answers 401.</summary>
        public const int RevokeAfterCalls = 2;

        /// <summary><c>1100000000000005001</c> … <c>1100000000000005050</c>.</summary>
        public static string BenchChannelId(int number) =>
            "11000000000000050" + number.ToString("D2", CultureInfo.InvariantCulture);

        /// <summary>The snowflake of the message at <paramref name="index"/> of a generated channel.</summary>
        public static string MessageId(string channelId, int index) =>
            MessageIdOf(channelId, index).ToString(CultureInfo.InvariantCulture);

        public static string ThreadStarterId(string channelId) => MessageId(channelId, ThreadStarterIndex);

        public static string EditedMessageId(string channelId) => MessageId(channelId, EditedIndex);

        public static string NewestSeededId(string channelId) => MessageId(channelId, SeededCount - 1);

        /// <summary>When the message at <paramref name="index"/> was sent.</summary>
        public static DateTimeOffset SentAt(int index) => DateTimeOffset.FromUnixTimeMilliseconds(FirstMessageAtMs + (index * 60_000L));

        internal static ulong MessageIdOf(string channelId, int index)
        {
            if (channelId == ShortIdsChannelId)
            {
                return ShortIdsFirstId + (ulong)index;
            }

            var ms = (ulong)(FirstMessageAtMs + (index * 60_000L) - Epoch);
            var worker = ulong.Parse(channelId, CultureInfo.InvariantCulture) % 1024;
            return (ms << 22) | (worker << 12) | ((ulong)index & 0xFFF);
        }

        /// <summary>The time a snowflake encodes.</summary>
        public static DateTimeOffset TimeOf(ulong snowflake) => DateTimeOffset.FromUnixTimeMilliseconds((long)(snowflake >> 22) + Epoch);
    }
}
