using System.Globalization;
using H = Connections.FakePlatforms.FakeHistory.Slack;
using S = Connections.FakePlatforms.FakeTokens.Slack;

namespace Connections.FakePlatforms.Slack;

internal enum SlackWorkspaceKey
{
    Fake,
    Other,
    Many,
    History,
    Bench,
}

/// <summary>A channel of a fake workspace; its messages are generated (<see cref="SlackChannelHistory.Generate"/>).</summary>
internal sealed record SlackChannel(
    string Id,
    string Name,
    bool IsPrivate = false,
    bool IsArchived = false,
    bool IsMember = true,
    int NumMembers = 12,
    bool IsGeneral = false,
    string Topic = "",
    string Purpose = "",
    SlackHistoryKind History = SlackHistoryKind.Seeded,
    int MessageCount = H.SeededTopLevelCount);

/// <summary>A fake workspace: the team a bot token belongs to and its channels.</summary>
internal sealed record SlackWorkspace(
    string TeamId,
    string TeamName,
    string Url,
    IReadOnlyList<SlackChannel> Channels,
    bool ShortPages = false)
{
    /// <summary>All channels were created at this fixed time (unix seconds) so answers are reproducible.</summary>
    public const long CreatedAt = 1_700_000_000;
}

/// <summary>The seeded, read-only Slack world.</summary>
internal sealed class SlackData
{
    private readonly Dictionary<SlackWorkspaceKey, SlackWorkspace> _workspaces = new()
    {
        [SlackWorkspaceKey.Fake] = new(S.TeamId, S.TeamName, S.TeamUrl,
        [
            new(S.GeneralChannelId, "general", NumMembers: 42, IsGeneral: true,
                Topic: "Company-wide announcements", Purpose: "This channel is for workspace-wide communication."),
            new(S.RandomChannelId, "random", NumMembers: 40, Purpose: "Non-work banter and water cooler conversation."),
            new(S.EngineeringChannelId, "engineering", IsMember: false, NumMembers: 18),
            new(S.DesignChannelId, "design", IsMember: false, NumMembers: 7),
            new(S.AnnouncementsChannelId, "announcements", NumMembers: 42),
            new(S.PrivateChannelId, "leadership", IsPrivate: true, NumMembers: 5),
            new(S.HiddenPrivateChannelId, "hr-confidential", IsPrivate: true, IsMember: false, NumMembers: 3),
            new(S.ArchivedChannelId, "old-project", IsArchived: true, IsMember: false, NumMembers: 0),
        ]),
        [SlackWorkspaceKey.Other] = new(S.OtherTeamId, S.OtherTeamName, "https://other-workspace.slack.com/",
        [
            new("C0OTHGEN1", "general", NumMembers: 9, IsGeneral: true),
            new("C0OTHRND1", "random", NumMembers: 9),
        ]),
        [SlackWorkspaceKey.Many] = new(S.ManyTeamId, S.ManyTeamName, "https://many-channels.slack.com/",
            [.. Enumerable.Range(1, S.ManyChannelsCount).Select(i => new SlackChannel(
                "C0MANY" + i.ToString("D4", CultureInfo.InvariantCulture),
                "channel-" + i.ToString("D3", CultureInfo.InvariantCulture),
                IsGeneral: i == 1))],
            ShortPages: true),
        [SlackWorkspaceKey.History] = new(S.HistoryTeamId, S.HistoryTeamName, "https://history.slack.com/",
        [
            new(H.ManyMessagesChannelId, "firehose", IsGeneral: true, History: SlackHistoryKind.Plain, MessageCount: H.ManyMessagesCount),
            new(H.RateLimitedChannelId, "rate-limited", History: SlackHistoryKind.RateLimited),
        ]),
        [SlackWorkspaceKey.Bench] = new(S.BenchTeamId, S.BenchTeamName, "https://bench.slack.com/",
            [.. Enumerable.Range(1, H.BenchChannelCount).Select(i => new SlackChannel(
                H.BenchChannelId(i),
                "bench-" + i.ToString("D3", CultureInfo.InvariantCulture),
                IsGeneral: i == 1,
                History: SlackHistoryKind.Plain,
                MessageCount: H.BenchMessagesPerChannel))]),
    };

    public SlackWorkspace this[SlackWorkspaceKey key] => _workspaces[key];

    public static SlackChannel? FindChannel(SlackWorkspace workspace, string? channelId) =>
        workspace.Channels.FirstOrDefault(c => c.Id == channelId);
}
