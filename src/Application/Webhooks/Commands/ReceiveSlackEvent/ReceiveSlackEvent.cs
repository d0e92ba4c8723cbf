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

using Connections.Application.Webhooks.Common;

namespace Connections.Application.Webhooks.Commands.ReceiveSlackEvent;

/// <summary>
/// A Slack Events API delivery. The signature is the authentication: it is checked over the raw bytes, against the
/// signing secrets of the Slack connections, before the body is parsed. Message events of synced channels are stored
/// at once, idempotently with the polling path (Slack retries deliveries).
/// </summary>
public sealed record ReceiveSlackEventCommand(byte[] RawBody, string? Timestamp, string? Signature) : IRequest<Result<SlackEventAck>>
{
    public override string ToString() => $"ReceiveSlackEventCommand {{ Bytes = {RawBody.Length} }}";
}

public sealed class ReceiveSlackEventCommandHandler(
    IApplicationDbContext db, CredentialsVault vault, IMessageStore store, TimeProvider clock, ConnectionsMetrics metrics)
    : IRequestHandler<ReceiveSlackEventCommand, Result<SlackEventAck>>
{
    private static readonly Error BadSignature = new("INVALID_SIGNATURE", "The request is not signed by a configured Slack app.", ErrorType.Unauthorized);
    /// <summary>What an unknown team's delivery is verified against, so refusing it costs what refusing a known one does.</summary>
    private static readonly string DummySecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static readonly PlatformCredentials DummyCredentials = new("xoxb-none", DummySecret);

    private static readonly Error Stale = new("STALE_REQUEST", "X-Slack-Request-Timestamp is missing or more than 5 minutes from now.", ErrorType.Unauthorized);

    public async Task<Result<SlackEventAck>> Handle(ReceiveSlackEventCommand request, CancellationToken cancellationToken)
    {
        if (!SlackSignature.IsFresh(request.Timestamp, clock.GetUtcNow()))
        {
            return Stale;
        }

        if (string.IsNullOrEmpty(request.Signature) || !request.Signature.StartsWith("v0=", StringComparison.Ordinal))
        {
            return BadSignature;
        }

        // Route before verifying, through the (platform, workspace_id) index, and verify exactly one secret (ADR 0019):
        // the signing secret of the team's newest connection (Slack's url_verification names no team: then the newest
        // Slack connection's). Newest by creation (ids are time-ordered), never by last update: a sync of another
        // connection of the team must not move the route. An unknown team, or a connection without a signing
        // secret, is answered like a bad signature after comparable work, so neither cost nor answer tells it apart.
        var teamId = PeekTeamId(request.RawBody);
        var candidate = await db.Connections.AsNoTracking()
            .Where(c => c.Platform == Platform.Slack && (teamId == null || c.WorkspaceId == teamId))
            .OrderByDescending(c => c.Id)
            .Select(c => new { c.WorkspaceId, c.ProtectedCredentials })
            .FirstOrDefaultAsync(cancellationToken);
        var secret = candidate is null ? null : vault.Unprotect(candidate.ProtectedCredentials).SigningSecret;
        if (candidate is null)
        {
            _ = vault.Protect(DummyCredentials);
        }

        if (!SlackSignature.Matches(secret ?? DummySecret, request.Timestamp!, request.RawBody, request.Signature) || secret is null)
        {
            return BadSignature;
        }

        JsonElement root;
        try
        {
            root = JsonDocument.Parse(request.RawBody).RootElement;
        }
        catch (JsonException)
        {
            return Error.Validation("MALFORMED_JSON", "The event body is not JSON.");
        }

        // A correctly signed body may still have any shape: read only strings from objects, acknowledge the rest.
        var type = Str(root, "type");
        if (type == "url_verification")
        {
            return new SlackEventAck(Str(root, "challenge"), 0);
        }

        if (type != "event_callback" || !root.TryGetProperty("event", out var evt) || Message(root, evt) is not { } message)
        {
            return new SlackEventAck(null, 0);
        }

        // Authenticated now: store into the team's synced connections that hold the secret that signed it (a member's
        // own signing secret never writes into another's connection that holds a different one).
        var stored = 0;
        var targets = candidate!.WorkspaceId == message.TeamId
            ? await db.Connections.AsNoTracking().Include(c => c.Channels)
                .Where(c => c.Platform == Platform.Slack && c.WorkspaceId == message.TeamId)
                .ToListAsync(cancellationToken)
            : [];
        foreach (var connection in targets.Where(c => c.CanSync))
        {
            if (connection.ChannelsToSync().Any(ch => ch.ChannelId == message.Message.ChannelId)
                && vault.Unprotect(connection.ProtectedCredentials).SigningSecret == secret)
            {
                var written = await store.UpsertAsync(connection.Id, message.Message.ChannelId, [message.Message], cancellationToken);
                metrics.RecordMessagesStored(connection.Id, Platform.Slack, written, message.Message.SentAt);
                stored += written;
            }
        }

        return new SlackEventAck(null, stored);
    }

    /// <summary>A <c>message</c> event (new, or <c>message_changed</c> for an edit) as a platform message, else null.</summary>
    private static (string TeamId, PlatformMessage Message)? Message(JsonElement root, JsonElement evt)
    {
        if (Str(evt, "type") != "message" || Str(root, "team_id") is not { } teamId || Str(evt, "channel") is not { } channel)
        {
            return null;
        }

        var subtype = Str(evt, "subtype");
        var body = subtype == "message_changed" && evt.TryGetProperty("message", out var changed) ? changed : evt;
        if (subtype is not null and not "message_changed" and not "bot_message" and not "thread_broadcast" and not "file_share" and not "me_message" || Str(body, "ts") is not { } ts)
        {
            return null;
        }

        if (FromTs(ts) is not { } sentAt || ts.Length > 64 || channel.Length > 64)
        {
            return null;
        }

        DateTimeOffset? edited = body.TryGetProperty("edited", out var e) && Str(e, "ts") is { } editedTs ? FromTs(editedTs) : null;
        return (teamId, new PlatformMessage(ts, channel, Truncate(Str(body, "user") ?? Str(body, "bot_id"), 64), Truncate(Str(body, "username"), 256), Str(body, "text") ?? string.Empty, sentAt, Truncate(Str(body, "thread_ts"), 64), edited, EventTime(root, evt)));
    }

    /// <summary>
    /// When Slack emitted the event, which orders two versions of the same edit time (ADR 0017): the event's own
    /// <c>event_ts</c> (to the microsecond), else the envelope's <c>event_time</c> (Unix seconds); null when neither is valid.
    /// </summary>
    private static DateTimeOffset? EventTime(JsonElement root, JsonElement evt) =>
        Str(evt, "event_ts") is { } eventTs && FromTs(eventTs) is { } at ? at
        : root.TryGetProperty("event_time", out var time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>The top-level <c>team_id</c>, read without parsing the rest of the body; null when absent or not JSON.</summary>
    private static string? PeekTeamId(byte[] body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTeam = reader.ValueTextEquals("team_id"u8);
                reader.Read();
                if (isTeam)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the signature check decides what to answer.
        }

        return null;
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Slack's <c>ts</c> (<c>"1700000000.000100"</c>) as an instant, to the microsecond like the polling path; null when it is not one.</summary>
    private static DateTimeOffset? FromTs(string ts) =>
        decimal.TryParse(ts, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 253402300799m
            ? DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond) / 10 * 10)
            : null;

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
