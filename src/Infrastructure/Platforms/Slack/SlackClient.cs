using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connections.Infrastructure.Platforms.Slack;

/// <summary>
/// The Slack Web API calls we need, as a typed <see cref="HttpClient"/> (base address and the resilience handler
/// come from <see cref="PlatformServiceCollectionExtensions.AddPlatformConnectors"/>).
/// </summary>
/// <remarks>
/// Slack reports almost every failure as HTTP 200 with <c>{"ok": false, "error": …}</c>, so success is decided from
/// the body, never from the status alone. Every method returns a <see cref="Result{T}"/> whose failures are
/// <see cref="PlatformError"/>s; only the caller's own cancellation throws. Tokens travel in the
/// <c>Authorization</c> header only, never in a URL, log line or message.
/// </remarks>
public sealed class SlackClient
{
    private const string Platform = "Slack";
    private const int MaxPages = 1_000;

    private readonly HttpClient _httpClient;
    private readonly SlackOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SlackClient> _logger;

    public SlackClient(HttpClient httpClient, IOptions<PlatformsOptions> options, TimeProvider timeProvider, ILogger<SlackClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _options = options.Value.Slack;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary><c>auth.test</c>: who the token acts as, with the scopes from the <c>x-oauth-scopes</c> header.</summary>
    public async Task<Result<SlackAuthTest>> AuthTestAsync(string botToken, CancellationToken cancellationToken)
    {
        var result = await CallAsync<SlackAuthTestResponse>("auth.test", botToken, [], cancellationToken);
        if (result.IsFailure)
        {
            return result.Error;
        }

        var (body, scopes) = result.Value;
        if (string.IsNullOrEmpty(body.TeamId) || string.IsNullOrEmpty(body.UserId))
        {
            return PlatformFailures.Unreadable(Platform, "auth.test named no team or user");
        }

        return new SlackAuthTest(body, scopes);
    }

    /// <summary>
    /// <c>conversations.list</c> over every page (public and private, not archived, 200 a page), following
    /// <c>response_metadata.next_cursor</c> until it is empty. Stops at <see cref="SlackOptions.MaxChannels"/>.
    /// </summary>
    public async Task<Result<IReadOnlyList<SlackConversation>>> ListConversationsAsync(string botToken, CancellationToken cancellationToken)
    {
        var channels = new List<SlackConversation>();
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var parameters = new List<KeyValuePair<string, string>>
            {
                new("types", "public_channel,private_channel"),
                new("exclude_archived", "true"),
                new("limit", _options.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            };
            if (cursor is not null)
            {
                parameters.Add(new("cursor", cursor));
            }

            var result = await CallAsync<SlackConversationsListResponse>("conversations.list", botToken, parameters, cancellationToken);
            if (result.IsFailure)
            {
                return result.Error;
            }

            var body = result.Value.Body;
            if (body.Channels is null)
            {
                return PlatformFailures.Unreadable(Platform, "conversations.list sent no channels");
            }

            foreach (var channel in body.Channels)
            {
                if (channels.Count >= _options.MaxChannels)
                {
                    _logger.LogWarning("Slack conversations.list: stopped at {MaxChannels} channels", _options.MaxChannels);
                    return channels;
                }

                channels.Add(channel);
            }

            cursor = body.ResponseMetadata?.NextCursor;
            if (string.IsNullOrEmpty(cursor))
            {
                return channels;
            }

            if (!seenCursors.Add(cursor))
            {
                return PlatformFailures.Unreadable(Platform, "conversations.list repeated a page cursor");
            }
        }

        _logger.LogWarning("Slack conversations.list: stopped after {MaxPages} pages", MaxPages);
        return channels;
    }

    /// <summary>
    /// <c>conversations.history</c>, one page, newest first: top-level messages after <paramref name="oldest"/>
    /// (exclusive), <see cref="SlackOptions.HistoryPageSize"/> at most.
    /// </summary>
    public Task<Result<SlackMessagesPage>> GetHistoryPageAsync(
        string botToken, string channelId, string? oldest, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = MessagesParameters(channelId, cursor);
        if (oldest is not null)
        {
            parameters.Add(new("oldest", oldest));
            parameters.Add(new("inclusive", "false"));
        }

        return GetMessagesPageAsync("conversations.history", botToken, parameters, cancellationToken);
    }

    /// <summary><c>conversations.replies</c>, one page, oldest first: the thread's parent, then its replies.</summary>
    public Task<Result<SlackMessagesPage>> GetRepliesPageAsync(
        string botToken, string channelId, string threadTs, string? cursor, CancellationToken cancellationToken)
    {
        var parameters = MessagesParameters(channelId, cursor);
        parameters.Add(new("ts", threadTs));
        return GetMessagesPageAsync("conversations.replies", botToken, parameters, cancellationToken);
    }

    private List<KeyValuePair<string, string>> MessagesParameters(string channelId, string? cursor)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("channel", channelId),
            new("limit", _options.HistoryPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        if (!string.IsNullOrEmpty(cursor))
        {
            parameters.Add(new("cursor", cursor));
        }

        return parameters;
    }

    private async Task<Result<SlackMessagesPage>> GetMessagesPageAsync(
        string method, string botToken, List<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        var result = await CallAsync<SlackMessagesResponse>(method, botToken, parameters, cancellationToken);
        if (result.IsFailure)
        {
            return result.Error;
        }

        var body = result.Value.Body;
        if (body.Messages is null)
        {
            return PlatformFailures.Unreadable(Platform, $"{method} sent no messages");
        }

        var next = body.ResponseMetadata?.NextCursor;
        if (string.IsNullOrEmpty(next))
        {
            if (body.HasMore)
            {
                _logger.LogWarning("Slack {Method}: has_more without a next_cursor; treating the page as the last", method);
            }

            next = null;
        }

        return new SlackMessagesPage(body.Messages, next);
    }

    /// <summary>
    /// <c>apps.connections.open</c> with an app-level (<c>xapp-</c>) token: proves the token can open a Socket Mode
    /// connection and returns the WebSocket URL (which is single-use and short-lived).
    /// </summary>
    public async Task<Result<Uri>> OpenSocketModeConnectionAsync(string appToken, CancellationToken cancellationToken)
    {
        var result = await CallAsync<SlackAppsConnectionsOpenResponse>("apps.connections.open", appToken, [], cancellationToken);
        if (result.IsFailure)
        {
            return result.Error;
        }

        return Uri.TryCreate(result.Value.Body.Url, UriKind.Absolute, out var url)
            ? url
            : PlatformFailures.Unreadable(Platform, "apps.connections.open sent no WebSocket URL");
    }

    /// <summary>
    /// POSTs a form to a Web API method and reads the envelope; success only when <c>ok</c> is true. Also hands back
    /// the token's scopes from <c>x-oauth-scopes</c> (null when absent).
    /// </summary>
    private async Task<Result<(T Body, IReadOnlyList<string>? Scopes)>> CallAsync<T>(
        string method,
        string token,
        IEnumerable<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
        where T : SlackResponse
    {
        if (!PlatformTokens.IsUsable(token))
        {
            return new PlatformError(ConnectionErrorCode.InvalidCredentials, "The Slack token is empty or malformed.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Content = new FormUrlEncodedContent(parameters),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        HttpResponseMessage response;
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception exception) when (PlatformFailures.IsTransportFailure(exception, cancellationToken))
        {
            _logger.LogWarning("Slack {Method} failed: {Failure}", method, exception.GetType().Name);
            return PlatformFailures.FromException(exception, Platform);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return await PlatformFailures.RateLimitedAsync(response, Platform, _timeProvider, cancellationToken);
            }

            if ((int)response.StatusCode >= 500)
            {
                return PlatformFailures.ServerError(response.StatusCode, Platform);
            }

            if (!response.IsSuccessStatusCode)
            {
                return PlatformFailures.Unreadable(Platform, $"HTTP {(int)response.StatusCode} from {method}");
            }

            T? body;
            try
            {
                var json = await response.Content.ReadAsStringAsync(cancellationToken);
                body = JsonSerializer.Deserialize<T>(json, SlackJson.Options);
            }
            catch (JsonException)
            {
                return PlatformFailures.Unreadable(Platform, $"{method} did not answer with JSON");
            }

            if (body is null)
            {
                return PlatformFailures.Unreadable(Platform, $"{method} answered with an empty body");
            }

            if (!body.Ok)
            {
                _logger.LogInformation("Slack {Method} answered error {SlackError}", method, body.Error);
                var retryAfter = RetryAfterOf(response);
                return SlackErrors.FromApiError(method, body.Error, body.Needed, body.Provided, retryAfter);
            }

            var scopes = response.Headers.TryGetValues("x-oauth-scopes", out var values)
                ? SlackErrors.SplitScopes(string.Join(',', values))
                : null;
            return (body, scopes);
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response) =>
        Resilience.RetryAfter.FromHeader(response.Headers.RetryAfter, _timeProvider.GetUtcNow());
}
