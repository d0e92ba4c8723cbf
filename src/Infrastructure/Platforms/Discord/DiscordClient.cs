using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.Extensions.Logging;

namespace Connections.Infrastructure.Platforms.Discord;

/// <summary>
/// The Discord REST (v10) calls we need, as a typed <see cref="HttpClient"/> authenticating with
/// <c>Authorization: Bot &lt;token&gt;</c>. Every method returns a <see cref="Result{T}"/> whose failures are
/// <see cref="PlatformError"/>s: 401 → INVALID_CREDENTIALS (the connector turns it into AUTH_EXPIRED for a token
/// that worked before), 403 and 404 Unknown Guild → INSUFFICIENT_PERMISSIONS, 429 → RATE_LIMITED, 5xx and
/// unexpected answers → PLATFORM_ERROR, transport failures → NETWORK_ERROR. Only the caller's cancellation throws.
/// </summary>
public sealed class DiscordClient
{
    private const string Platform = "Discord";

    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DiscordClient> _logger;

    public DiscordClient(HttpClient httpClient, TimeProvider timeProvider, ILogger<DiscordClient> logger)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary><c>GET /users/@me</c>: the bot user.</summary>
    public Task<Result<DiscordUser>> GetCurrentUserAsync(string botToken, CancellationToken cancellationToken) =>
        GetAsync<DiscordUser>("users/@me", botToken, cancellationToken);

    /// <summary><c>GET /applications/@me</c>: the bot's application, with the privileged-intent <c>flags</c>.</summary>
    public Task<Result<DiscordApplication>> GetCurrentApplicationAsync(string botToken, CancellationToken cancellationToken) =>
        GetAsync<DiscordApplication>("applications/@me", botToken, cancellationToken);

    /// <summary><c>GET /guilds/{id}?with_counts=true</c>: the guild with its roles and approximate member count.</summary>
    public Task<Result<DiscordGuild>> GetGuildAsync(string botToken, string guildId, CancellationToken cancellationToken) =>
        GetAsync<DiscordGuild>($"guilds/{Segment(guildId)}?with_counts=true", botToken, cancellationToken);

    /// <summary><c>GET /guilds/{id}/channels</c>: every channel (not paginated, no threads).</summary>
    public Task<Result<IReadOnlyList<DiscordChannel>>> GetGuildChannelsAsync(string botToken, string guildId, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<DiscordChannel>>($"guilds/{Segment(guildId)}/channels", botToken, cancellationToken);

    /// <summary><c>GET /guilds/{id}/members/{user_id}</c>: a member's roles.</summary>
    public Task<Result<DiscordGuildMember>> GetGuildMemberAsync(
        string botToken, string guildId, string userId, CancellationToken cancellationToken) =>
        GetAsync<DiscordGuildMember>($"guilds/{Segment(guildId)}/members/{Segment(userId)}", botToken, cancellationToken);

    /// <summary>
    /// <c>GET /channels/{id}/messages?after=…&amp;limit=…</c>: the <paramref name="limit"/> messages right after
    /// <paramref name="after"/> (exclusive), in Discord's order (newest first). A channel the bot cannot see (403
    /// 50001/50013) or that no longer exists (404 10003) is INSUFFICIENT_PERMISSIONS.
    /// </summary>
    public Task<Result<IReadOnlyList<DiscordMessage>>> GetChannelMessagesAsync(
        string botToken, string channelId, ulong after, int limit, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<DiscordMessage>>(
            $"channels/{Segment(channelId)}/messages?after={after.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}",
            botToken,
            cancellationToken,
            ChannelError);

    private static PlatformError? ChannelError(HttpStatusCode status, DiscordErrorBody? error) => (status, error?.Code) switch
    {
        (HttpStatusCode.NotFound, DiscordErrorCodes.UnknownChannel) => new PlatformError(
            ConnectionErrorCode.InsufficientPermissions,
            "Discord says the channel does not exist any more (or the bot cannot see it)."),
        (HttpStatusCode.Forbidden, _) => new PlatformError(
            ConnectionErrorCode.InsufficientPermissions,
            $"The Discord bot may not read that channel ({Describe(error)}); give it View Channel and Read Message History there."),
        _ => null,
    };

    private static string Segment(string value) => Uri.EscapeDataString(value ?? throw new ArgumentNullException(nameof(value)));

    /// <param name="path">Relative to the base address.</param>
    /// <param name="token">The bot token.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <param name="mapError">Route-specific diagnoses of 4xx answers (except 401 and 429); null falls back to the guild-oriented ones.</param>
    private async Task<Result<T>> GetAsync<T>(
        string path, string token, CancellationToken cancellationToken, Func<HttpStatusCode, DiscordErrorBody?, PlatformError?>? mapError = null)
        where T : class
    {
        if (!PlatformTokens.IsUsable(token))
        {
            return new PlatformError(ConnectionErrorCode.InvalidCredentials, "The Discord bot token is empty or malformed.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", token);

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception exception) when (PlatformFailures.IsTransportFailure(exception, cancellationToken))
        {
            _logger.LogWarning("Discord {Endpoint} failed: {Failure}", EndpointOf(path), exception.GetType().Name);
            return PlatformFailures.FromException(exception, Platform);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    var json = await response.Content.ReadAsStringAsync(cancellationToken);
                    return JsonSerializer.Deserialize<T>(json, DiscordJson.Options) is { } body
                        ? body
                        : PlatformFailures.Unreadable(Platform, $"{EndpointOf(path)} answered with an empty body");
                }
                catch (JsonException)
                {
                    return PlatformFailures.Unreadable(Platform, $"{EndpointOf(path)} did not answer with the expected JSON");
                }
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return await PlatformFailures.RateLimitedAsync(response, Platform, _timeProvider, cancellationToken);
            }

            if ((int)response.StatusCode >= 500)
            {
                return PlatformFailures.ServerError(response.StatusCode, Platform);
            }

            var error = await ReadErrorAsync(response, cancellationToken);
            _logger.LogInformation(
                "Discord {Endpoint} answered HTTP {Status} code {DiscordCode}", EndpointOf(path), (int)response.StatusCode, error?.Code);
            if (response.StatusCode != HttpStatusCode.Unauthorized && mapError?.Invoke(response.StatusCode, error) is { } mapped)
            {
                return mapped;
            }

            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new PlatformError(
                    ConnectionErrorCode.InvalidCredentials,
                    "Discord did not accept the bot token. Copy it again from the Developer Portal (Bot → Reset Token)."),
                HttpStatusCode.NotFound when error?.Code is DiscordErrorCodes.UnknownGuild or DiscordErrorCodes.UnknownMember => NotInGuild(),
                HttpStatusCode.Forbidden when error?.Code is DiscordErrorCodes.MissingAccess or DiscordErrorCodes.UnknownGuild => NotInGuild(),
                HttpStatusCode.Forbidden => new PlatformError(
                    ConnectionErrorCode.InsufficientPermissions,
                    $"The Discord bot lacks the permissions for {EndpointOf(path)} ({Describe(error)})."),
                _ => new PlatformError(
                    ConnectionErrorCode.PlatformError,
                    $"Discord answered {EndpointOf(path)} with HTTP {(int)response.StatusCode} ({Describe(error)})."),
            };
        }
    }

    private static PlatformError NotInGuild() => new(
        ConnectionErrorCode.InsufficientPermissions,
        "The Discord bot is not a member of that server (or the server does not exist). Invite the bot to the server first.");

    private static async Task<DiscordErrorBody?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var json = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<DiscordErrorBody>(json, DiscordJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(DiscordErrorBody? error) =>
        error is null ? "no details" : $"{error.Code}: {Truncate(error.Message ?? "no message")}";

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80];

    /// <summary>The path without ids or query, for logs and messages (e.g. <c>guilds/members</c>).</summary>
    private static string EndpointOf(string path)
    {
        var withoutQuery = path.Split('?', 2)[0];
        var segments = withoutQuery.Split('/').Where(s => s.Length > 0 && !s.All(char.IsAsciiDigit));
        return string.Join('/', segments);
    }
}
