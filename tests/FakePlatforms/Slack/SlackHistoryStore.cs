namespace Connections.FakePlatforms.Slack;

/// <summary>
/// What tests added to or edited in a channel, per full token (so parallel tests never see each other's messages),
/// laid over the generated history. Thread-safe.
/// </summary>
internal sealed class SlackHistoryStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Token, string ChannelId), Overlay> _overlays = [];

    /// <summary>The channel as <paramref name="token"/> sees it.</summary>
    public SlackChannelHistory View(string token, SlackChannel channel)
    {
        var generated = SlackChannelHistory.Generate(channel);
        List<FakeSlackMessage> added;
        Dictionary<string, (string Text, string EditedTs)> edits;
        lock (_gate)
        {
            if (!_overlays.TryGetValue((token, channel.Id), out var overlay))
            {
                return generated;
            }

            added = [.. overlay.Added];
            edits = new(overlay.Edits, StringComparer.Ordinal);
        }

        FakeSlackMessage Edited(FakeSlackMessage m) =>
            edits.TryGetValue(m.Ts, out var edit) ? m with { Text = edit.Text, EditedTs = edit.EditedTs, EditedBy = m.User } : m;

        // Added messages are newer than every generated one, so appending keeps the order.
        var topLevel = generated.TopLevel.Concat(added.Where(m => !m.IsReply)).Select(Edited).ToList();
        return new SlackChannelHistory(
            topLevel,
            threadTs => [.. generated.RepliesOf(threadTs).Concat(added.Where(m => m.IsReply && m.ThreadTs == threadTs)).Select(Edited)]);
    }

    public string Add(string token, SlackChannel channel, string user, string text, string? threadTs)
    {
        var view = View(token, channel);
        if (threadTs is not null && view.FindTopLevel(threadTs) is null)
        {
            throw new ArgumentException($"No top-level message {threadTs} in {channel.Id} to reply to.", nameof(threadTs));
        }

        lock (_gate)
        {
            var overlay = OverlayOf(token, channel.Id);
            var newest = view.TopLevel.Count == 0 ? 0 : view.TopLevel[^1].Micros;
            var micros = Math.Max(Math.Max(NowMicros(), newest + 1), overlay.LastMicros + 1);
            overlay.LastMicros = micros;
            var ts = SlackTs.FromMicros(micros);
            overlay.Added.Add(new FakeSlackMessage(ts, user, text, ThreadTs: threadTs));
            return ts;
        }
    }

    public string Edit(string token, SlackChannel channel, string ts, string text)
    {
        var view = View(token, channel);
        var exists = view.FindTopLevel(ts) is not null
            || view.TopLevel.Any(m => view.RepliesOf(m.Ts).Any(r => r.Ts == ts));
        if (!exists)
        {
            throw new ArgumentException($"No message {ts} in {channel.Id}.", nameof(ts));
        }

        lock (_gate)
        {
            var overlay = OverlayOf(token, channel.Id);
            var editedTs = SlackTs.FromMicros(Math.Max(NowMicros(), overlay.LastMicros + 1));
            overlay.Edits[ts] = (text, editedTs);
            return editedTs;
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

    private static long NowMicros() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    private sealed class Overlay
    {
        public List<FakeSlackMessage> Added { get; } = [];

        public Dictionary<string, (string Text, string EditedTs)> Edits { get; } = new(StringComparer.Ordinal);

        public long LastMicros { get; set; }
    }
}
