using System.Globalization;
using Connections.FakePlatforms.Hosting;
using H = Connections.FakePlatforms.FakeHistory.Discord;

namespace Connections.FakePlatforms.Discord;

/// <summary>What a channel's history looks like.</summary>
internal enum DiscordHistoryKind
{
    /// <summary>The seeded layout of <see cref="FakeHistory.Discord"/>.</summary>
    Seeded,

    /// <summary><see cref="DiscordChannel.MessageCount"/> plain messages.</summary>
    Plain,

    /// <summary>Always 429.</summary>
    RateLimited,
}

internal sealed record FakeDiscordAuthor(string Id, string Username, string? GlobalName, bool Bot = false);

/// <summary>A message as the fake stores it. <see cref="ReferenceId"/>: the message it replies to.</summary>
internal sealed record FakeDiscordMessage(
    ulong Id,
    int Type,
    FakeDiscordAuthor Author,
    string Content,
    DateTimeOffset Timestamp,
    DateTimeOffset? EditedTimestamp = null,
    ulong? ReferenceId = null,
    bool StartsThread = false);

internal static class DiscordHistory
{
    public const int Default = 0;
    public const int GuildMemberJoin = 7;
    public const int Reply = 19;

    private static readonly FakeDiscordAuthor BotAuthor = new(H.BotAuthorId, H.BotAuthorName, null, Bot: true);

    /// <summary>The generated messages of a channel, oldest first; nothing is stored.</summary>
    public static IReadOnlyList<FakeDiscordMessage> Generate(DiscordChannel channel) => channel.History switch
    {
        DiscordHistoryKind.Seeded => new GeneratedList<FakeDiscordMessage>(channel.MessageCount, i => Seeded(channel, i)),
        DiscordHistoryKind.Plain => new GeneratedList<FakeDiscordMessage>(channel.MessageCount, i => Plain(channel, i)),
        _ => [],
    };

    public static FakeDiscordAuthor AuthorOf(int index)
    {
        var (id, username, globalName) = H.Authors[index % H.Authors.Count];
        return new FakeDiscordAuthor(id, username, globalName);
    }

    private static ulong IdOf(DiscordChannel channel, int index) => H.MessageIdOf(channel.Id, index);

    private static DateTimeOffset TimeOf(DiscordChannel channel, int index) =>
        channel.Id == H.ShortIdsChannelId ? H.TimeOf(IdOf(channel, index)) : H.SentAt(index);

    private static FakeDiscordMessage Plain(DiscordChannel channel, int index) =>
        new(IdOf(channel, index), Default, AuthorOf(index), $"Message {index} in #{channel.Name}", TimeOf(channel, index));

    private static FakeDiscordMessage Seeded(DiscordChannel channel, int index)
    {
        var plain = Plain(channel, index);
        return index switch
        {
            0 => plain with { Type = GuildMemberJoin, Content = "" },
            H.ThreadStarterIndex => plain with { Content = $"Thread starts here in #{channel.Name}", StartsThread = true },
            H.EditedIndex => plain with
            {
                Content = $"Message {index} in #{channel.Name} (fixed a typo)",
                EditedTimestamp = plain.Timestamp.AddSeconds(H.EditDelaySeconds),
            },
            H.BotMessageIndex => plain with { Author = BotAuthor, Content = $"Deployed build {index} to production" },
            _ when H.ReplyIndexes.Contains(index) => plain with
            {
                Type = Reply,
                Content = $"Reply to the thread starter, message {index}",
                ReferenceId = IdOf(channel, H.ThreadStarterIndex),
            },
            _ => plain,
        };
    }

    public static string Snowflake(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What tests added to or edited in a channel, per full token, over the generated history. Thread-safe.</summary>
internal sealed class DiscordHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Token, string ChannelId), Overlay> _overlays = [];

    public IReadOnlyList<FakeDiscordMessage> View(string token, DiscordChannel channel)
    {
        var generated = DiscordHistory.Generate(channel);
        List<FakeDiscordMessage> added;
        Dictionary<ulong, (string Content, DateTimeOffset EditedAt)> edits;
        lock (_gate)
        {
            if (!_overlays.TryGetValue((token, channel.Id), out var overlay))
            {
                return generated;
            }

            added = [.. overlay.Added];
            edits = new(overlay.Edits);
        }

        return
        [
            .. generated.Concat(added).Select(m =>
                edits.TryGetValue(m.Id, out var edit) ? m with { Content = edit.Content, EditedTimestamp = edit.EditedAt } : m),
        ];
    }

    public string Add(string token, DiscordChannel channel, FakeDiscordAuthor author, string content, string? replyTo)
    {
        var view = View(token, channel);
        ulong? reference = null;
        if (replyTo is not null)
        {
            reference = ulong.TryParse(replyTo, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && view.Any(m => m.Id == id)
                ? id
                : throw new ArgumentException($"No message {replyTo} in {channel.Id} to reply to.", nameof(replyTo));
        }

        lock (_gate)
        {
            var overlay = OverlayOf(token, channel.Id);
            var now = DateTimeOffset.UtcNow;
            var fromNow = (ulong)(now.ToUnixTimeMilliseconds() - FakeHistory.Discord.Epoch) << 22;
            var newest = view.Count == 0 ? 0 : view[^1].Id;
            var id = Math.Max(Math.Max(fromNow, newest + 1), overlay.LastId + 1);
            overlay.LastId = id;
            overlay.Added.Add(new FakeDiscordMessage(
                id, reference is null ? DiscordHistory.Default : DiscordHistory.Reply, author, content, FakeHistory.Discord.TimeOf(id), ReferenceId: reference));
            return DiscordHistory.Snowflake(id);
        }
    }

    public DateTimeOffset Edit(string token, DiscordChannel channel, string messageId, string content)
    {
        if (!ulong.TryParse(messageId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !View(token, channel).Any(m => m.Id == id))
        {
            throw new ArgumentException($"No message {messageId} in {channel.Id}.", nameof(messageId));
        }

        lock (_gate)
        {
            var editedAt = DateTimeOffset.UtcNow;
            OverlayOf(token, channel.Id).Edits[id] = (content, editedAt);
            return editedAt;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _overlays.Clear();
        }
    }

    private Overlay OverlayOf(string token, string channelId)
    {
        if (!_overlays.TryGetValue((token, channelId), out var overlay))
        {
            overlay = new Overlay();
            _overlays[(token, channelId)] = overlay;
        }

        return overlay;
    }

    private sealed class Overlay
    {
        public List<FakeDiscordMessage> Added { get; } = [];

        public Dictionary<ulong, (string Content, DateTimeOffset EditedAt)> Edits { get; } = [];

        public ulong LastId { get; set; }
    }
}
