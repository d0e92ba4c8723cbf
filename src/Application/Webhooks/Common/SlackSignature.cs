using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Telemetry;
using Connections.Application.Connections.Common;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using MediatR;
using Microsoft.EntityFrameworkCore;


namespace Connections.Application.Webhooks.Common;

/// <summary>Slack request signing (v0): <c>"v0=" + hex(HMAC-SHA256(signing_secret, "v0:" + timestamp + ":" + raw_body))</c>.</summary>
public static class SlackSignature
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var payload = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(payload, 0);
        rawBody.CopyTo(payload.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), payload));
    }

    /// <summary>Constant-time comparison of the presented signature with the expected one.</summary>
    public static bool Matches(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody, string presented) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(signingSecret, timestamp, rawBody)),
            Encoding.ASCII.GetBytes(presented));

    /// <summary>The timestamp is Unix seconds within <see cref="MaxAge"/> of now (either way): older requests may be replays.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds < 253402300799
        && (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= MaxAge;
}
