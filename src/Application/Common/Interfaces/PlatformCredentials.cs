namespace Connections.Application.Common.Interfaces;

/// <summary>Plain-text credentials, only ever held in memory for the length of a call.</summary>
/// <param name="BotToken">Slack <c>xoxb-…</c> or Discord bot token.</param>
/// <param name="SigningSecret">Slack only: the app's signing secret (not checked against the platform).</param>
/// <param name="GuildId">Discord only: the guild (server) snowflake the bot should read.</param>
public sealed record PlatformCredentials(string BotToken, string? SigningSecret = null, string? GuildId = null)
{
    /// <summary>Never print secrets, not even by accident through a record's generated ToString.</summary>
    public override string ToString() => $"PlatformCredentials {{ GuildId = {GuildId} }}";
}
