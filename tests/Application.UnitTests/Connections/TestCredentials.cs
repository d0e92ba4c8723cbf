namespace Connections.Application.UnitTests.Connections;

/// <summary>Well-formed (fake) credentials and canary values that must never show up in messages or logs.</summary>
internal static class TestCredentials
{
    public const string SlackBotToken = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
    public const string SlackSigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    public const string DiscordBotToken = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz012345";
    public const string DiscordGuildId = "123456789012345678";
}
