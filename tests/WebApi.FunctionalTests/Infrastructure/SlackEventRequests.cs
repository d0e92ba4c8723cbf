using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Connections.Application.Webhooks.Common;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>Slack Events API deliveries as Slack sends them: the raw body, its timestamp, its v0 signature, retry headers.</summary>
public static class SlackEventRequests
{
    public const string Path = "/api/webhooks/slack/events";

    /// <summary>Now, as Slack's <c>X-Slack-Request-Timestamp</c> (Unix seconds).</summary>
    public static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>A fresh message <c>ts</c> of the current second.</summary>
    public static string NewTs() => $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}.{Random.Shared.Next(0, 999_999):D6}";

    /// <summary>A delivery signed with <paramref name="signingSecret"/> over the exact body bytes.</summary>
    public static HttpRequestMessage SignedWith(string json, string signingSecret, string? timestamp = null, int? retryNum = null)
    {
        timestamp ??= Now();
        return WithSignature(json, timestamp, SlackSignature.Compute(signingSecret, timestamp, Encoding.UTF8.GetBytes(json)), retryNum);
    }

    /// <summary>A delivery carrying <paramref name="signature"/> as given (or none), for forged and stale cases.</summary>
    public static HttpRequestMessage WithSignature(string json, string timestamp, string? signature, int? retryNum = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        if (signature is not null)
        {
            request.Headers.Add("X-Slack-Signature", signature);
        }

        if (retryNum is not null)
        {
            request.Headers.Add("X-Slack-Retry-Num", retryNum.Value.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return request;
    }
}
