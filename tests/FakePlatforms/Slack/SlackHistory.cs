using System.Globalization;
using Connections.FakePlatforms.Hosting;
using H = Connections.FakePlatforms.FakeHistory.Slack;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.FakePlatforms.Slack;

/// <summary>What a channel's history looks like.</summary>
internal enum SlackHistoryKind
{
    /// <summary>The seeded layout of <see cref="FakeHistory.Slack"/>: system messages, a thread, an edit, a bot message.</summary>
    Seeded,

    /// <summary><see cref="SlackChannel.MessageCount"/> plain user messages.</summary>
    Plain,

    /// <summary>history/replies always answer HTTP 429.</summary>
    RateLimited,
}

/// <summary>A message as the fake stores it. <see cref="ThreadTs"/> equals <see cref="Ts"/> on a thread parent.</summary>
internal sealed record FakeSlackMessage(
    string Ts,
    string? User,
    string Text,
    string? ThreadTs = null,
    string? Subtype = null,
    string? BotId = null,
    string? Username = null,
    string? EditedTs = null,
    string? EditedBy = null)
{
    public long Micros { get; } = SlackTs.ToMicros(Ts);

    public bool IsReply => ThreadTs is not null && ThreadTs != Ts;
}

/// <summary>Slack <c>ts</c> strings ("1700000000.000100") as microseconds, and back.</summary>
internal static class SlackTs
{
    public static long ToMicros(string ts) =>
        TryParse(ts, out var micros) ? micros : throw new FormatException($"Not a Slack ts: {ts}");

    /// <summary>Accepts "1700000000.000100", "1700000000.0001" and "1700000000".</summary>
    public static bool TryParse(string? ts, out long micros)
    {
        micros = 0;
        if (string.IsNullOrEmpty(ts))
        {
            return false;
        }

        var parts = ts.Split('.');
        if (parts.Length > 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > 100_000_000_000)
        {
            return false;
        }

        long fraction = 0;
        if (parts.Length == 2)
        {
            var digits = parts[1];
            if (digits.Length is 0 or > 6 || !long.TryParse(digits.PadRight(6, '0'), NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
            {
                return false;
            }
        }

        micros = (seconds * 1_000_000) + fraction;
        return true;
    }

    public static string FromMicros(long micros) => H.Ts(micros / 1_000_000, micros % 1_000_000);
}

/// <summary>One channel's history as one token sees it: top-level messages oldest first, and thread replies.</summary>
internal sealed class SlackChannelHistory(IReadOnlyList<FakeSlackMessage> topLevel, Func<string, IReadOnlyList<FakeSlackMessage>> repliesOf)
{
    public IReadOnlyList<FakeSlackMessage> TopLevel { get; } = topLevel;

    /// <summary>The replies of the thread whose parent has <paramref name="threadTs"/>, oldest first (empty when none).</summary>
    public IReadOnlyList<FakeSlackMessage> RepliesOf(string threadTs) => repliesOf(threadTs);

    public FakeSlackMessage? FindTopLevel(string ts) =>
        SlackTs.TryParse(ts, out var micros) && TopLevel.FirstAbove(m => m.Micros, micros, orEqual: true) is var i
            && i < TopLevel.Count && TopLevel[i].Micros == micros
            ? TopLevel[i]
            : null;

    /// <summary>The generated history of a channel: nothing is stored, every message is computed from its index.</summary>
    public static SlackChannelHistory Generate(SlackChannel channel) => channel.History switch
    {
        SlackHistoryKind.Seeded => new(
            new GeneratedList<FakeSlackMessage>(channel.MessageCount, i => SeededMessage(channel, i)),
            ts => ts == H.ThreadParentTs && channel.MessageCount > H.ThreadParentIndex ? SeededReplies : []),
        SlackHistoryKind.Plain => new(
            new GeneratedList<FakeSlackMessage>(channel.MessageCount, i => PlainMessage(channel, i)),
            _ => []),
        _ => new([], _ => []),
    };

    private static readonly IReadOnlyList<FakeSlackMessage> SeededReplies =
    [
        .. Enumerable.Range(0, H.SeededReplyCount).Select(r => new FakeSlackMessage(
            H.ReplyTs(r), H.Authors[(r + 1) % H.Authors.Count], $"Reply {r + 1} in the thread", ThreadTs: H.ThreadParentTs)),
    ];

    private static FakeSlackMessage PlainMessage(SlackChannel channel, int index) =>
        new(H.TopLevelTs(index), H.Authors[index % H.Authors.Count], $"Message {index} in #{channel.Name}");

    private static FakeSlackMessage SeededMessage(SlackChannel channel, int index) => index switch
    {
        0 => new(H.TopLevelTs(0), S.BotUserId, $"<@{S.BotUserId}> has joined the channel", Subtype: "channel_join"),
        1 => new(H.TopLevelTs(1), H.Authors[0], $"set the channel topic: Talk about {channel.Name}", Subtype: "channel_topic"),
        H.ThreadParentIndex => new(H.ThreadParentTs, H.Authors[0], $"Thread starts here in #{channel.Name}", ThreadTs: H.ThreadParentTs),
        H.EditedIndex => new(
            H.EditedMessageTs, H.Authors[1], $"Message {index} in #{channel.Name} (fixed a typo)", EditedTs: H.EditedAtTs, EditedBy: H.Authors[1]),
        H.BotMessageIndex => new(
            H.BotMessageTs, null, $"Deployed build {index} to production", Subtype: "bot_message", BotId: H.BotMessageBotId, Username: H.BotMessageUsername),
        _ => PlainMessage(channel, index),
    };
}
