namespace Connections.Application.Common.Interfaces;

/// <summary>A channel the bot can see, as the platform describes it.</summary>
/// <param name="Id">Platform id (Slack <c>C…</c>, Discord snowflake).</param>
/// <param name="Name">Display name; Slack names are prefixed with <c>#</c>.</param>
/// <param name="IsPrivate">Slack <c>is_private</c>; Discord: @everyone is denied VIEW_CHANNEL.</param>
/// <param name="MemberCount">Slack <c>num_members</c>; null where the platform has no count (Discord text channels).</param>
/// <param name="CanReadHistory">
/// False when the bot can see the channel but not read its history (Discord: no READ_MESSAGE_HISTORY there, and
/// Discord answers such reads with an empty list rather than an error).
/// </param>
public sealed record PlatformChannel(string Id, string Name, bool IsPrivate, int? MemberCount, bool CanReadHistory = true);
