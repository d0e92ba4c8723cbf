using System.Linq.Expressions;
using Connections.Domain.Common;
using Connections.Domain.Connections.Events;
using Connections.Domain.Syncs;

namespace Connections.Domain.Connections;

/// <summary>
/// A Slack workspace or Discord server connected through bot credentials. The aggregate owns its channel catalog and
/// the selection of channels to sync. Credentials are held only in protected (encrypted) form: the domain never sees
/// them in plain text.
/// </summary>
public sealed class Connection : Entity<string>, IHasDomainEvents
{
    public const string IdPrefix = "conn_";

    private readonly List<ConnectionChannel> _channels = [];

    private Connection()
    {
    }

    public Platform Platform { get; private set; }

    public string Name { get; private set; } = null!;

    /// <summary>Upper-cased name: unique per owner and platform.</summary>
    public string NameKey { get; private set; } = null!;

    /// <summary>The email of the principal who created the connection; members see only their own.</summary>
    public string OwnerEmail { get; private set; } = null!;

    /// <summary>The credentials as the secret protector wrote them; opaque to the domain.</summary>
    public string ProtectedCredentials { get; private set; } = null!;

    /// <summary>Slack team id or Discord guild id the credentials act in.</summary>
    public string WorkspaceId { get; private set; } = null!;

    public ConnectionStatus Status { get; private set; }

    public ConnectionSettings Settings { get; private set; } = ConnectionSettings.Default;

    public bool SyncAllChannels { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? LastValidatedAt { get; private set; }

    public DateTimeOffset? LastSyncAt { get; private set; }

    /// <summary>When the scheduler should next sync this connection (durable, so restarts and other instances agree).</summary>
    public DateTimeOffset? NextSyncAt { get; private set; }

    public ConnectionErrorCode? LastErrorCode { get; private set; }

    public string? LastErrorMessage { get; private set; }

    public DateTimeOffset? LastErrorAt { get; private set; }

    /// <summary>The current catalog; <see cref="ChannelCount"/> is its size.</summary>
    public IReadOnlyList<ConnectionChannel> Channels => _channels;

    public int ChannelCount { get; private set; }

    /// <summary>Optimistic concurrency token, bumped on every change.</summary>
    public Guid Version { get; private set; }

    /// <summary>
    /// Creates a connection whose credentials the platform has just accepted, so it starts <c>connected</c>
    /// with the channels the bot can see.
    /// </summary>
    public static Connection Create(
        Platform platform,
        string name,
        string ownerEmail,
        string protectedCredentials,
        string workspaceId,
        ConnectionSettings settings,
        IReadOnlyCollection<DiscoveredChannel> channels,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedCredentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(channels);
        if (!Enum.IsDefined(platform))
        {
            throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown platform.");
        }

        var connection = new Connection
        {
            Id = Ids.New(IdPrefix, now),
            Platform = platform,
            OwnerEmail = ownerEmail,
            ProtectedCredentials = protectedCredentials,
            WorkspaceId = workspaceId,
            Status = ConnectionStatus.Connected,
            Settings = settings,
            CreatedAt = now,
            LastValidatedAt = now,
        };
        connection.SetName(name);
        connection.ReplaceCatalog(channels, now);
        connection.Touch(now);
        connection.Raise(new ConnectionCreated(connection.Id, platform, now));
        return connection;
    }

    /// <summary>Renames the connection; the name is trimmed and checked (see <see cref="ConnectionName"/>).</summary>
    public Result Rename(string name, DateTimeOffset now)
    {
        var normalized = ConnectionName.Normalize(name);
        if (normalized.IsFailure)
        {
            return normalized.Error;
        }

        SetName(normalized.Value);
        Touch(now);
        return Result.Success();
    }

    public void ChangeSettings(ConnectionSettings settings, DateTimeOffset now)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        var due = (LastSyncAt ?? now) + TimeSpan.FromMinutes(settings.SyncIntervalMinutes);
        if (NextSyncAt > due)
        {
            NextSyncAt = due;
        }

        Touch(now);
    }

    /// <summary>Stops syncing while keeping the credentials; a successful validation reconnects.</summary>
    public void Disconnect(DateTimeOffset now)
    {
        Status = ConnectionStatus.Disconnected;
        Touch(now);
    }

    // ---------- Syncing: who may sync when ----------

    /// <summary>Only connected connections sync; errors wait for a successful validation, disconnects for a reconnect.</summary>
    public bool CanSync => Status == ConnectionStatus.Connected;

    /// <summary>
    /// Asks for a sync now and, when allowed, queues its run. Only a connected connection syncs. A caller's request
    /// (<see cref="SyncTrigger.Manual"/>) needs chosen channels: a run over nothing would "succeed" and move
    /// <c>last_sync</c> without reading a message. The scheduler's (<see cref="SyncTrigger.Scheduled"/>) needs the
    /// durable <c>next_sync_at</c> to have come, which is never set before channels are chosen (<see cref="DueForSync"/>).
    /// One active run per connection is the caller's to check: it takes a query.
    /// </summary>
    public Result<SyncRun> RequestSync(SyncTrigger trigger, DateTimeOffset now)
    {
        if (!CanSync)
        {
            return SyncErrors.NotConnected(Status);
        }

        if (trigger == SyncTrigger.Manual && !HasChannelsToSync)
        {
            return SyncErrors.NoChannelsSelected();
        }

        if (trigger == SyncTrigger.Scheduled && !(NextSyncAt <= now))
        {
            return SyncErrors.NotDue(Id);
        }

        return SyncRun.Queue(Id, trigger, now);
    }

    /// <summary>The connections whose scheduled sync has come, as a query: the rule <see cref="RequestSync"/> applies to <see cref="SyncTrigger.Scheduled"/>.</summary>
    public static Expression<Func<Connection, bool>> DueForSync(DateTimeOffset now) =>
        c => c.Status == ConnectionStatus.Connected && c.NextSyncAt != null && c.NextSyncAt <= now;

    /// <summary>A run finished: <c>last_sync</c> moves only when it succeeded; the next run is due one interval later either way.</summary>
    public void RecordSyncFinished(bool succeeded, DateTimeOffset now)
    {
        if (succeeded)
        {
            LastSyncAt = now;
        }

        NextSyncAt = now + TimeSpan.FromMinutes(Settings.SyncIntervalMinutes);
        Touch(now);
    }

    /// <summary>True when a sync would read anything; nothing is scheduled before channels are chosen.</summary>
    public bool HasChannelsToSync => SyncAllChannels || _channels.Any(c => c.SyncEnabled);

    /// <summary>The channels a sync reads: every channel under sync_all, else the selected ones.</summary>
    public IReadOnlyList<ConnectionChannel> ChannelsToSync() =>
        _channels.Where(c => SyncAllChannels || c.SyncEnabled).OrderBy(c => c.ChannelId, StringComparer.Ordinal).ToList();

    /// <summary>The credentials were checked again and accepted: clear any error, reconnect and refresh the catalog.</summary>
    public void MarkValidated(IReadOnlyCollection<DiscoveredChannel> channels, DateTimeOffset now)
    {
        if (Status != ConnectionStatus.Connected && HasChannelsToSync)
        {
            NextSyncAt = now;
        }

        Status = ConnectionStatus.Connected;
        LastValidatedAt = now;
        LastErrorCode = null;
        LastErrorMessage = null;
        LastErrorAt = null;
        ReplaceCatalog(channels, now);
        Touch(now);
        Raise(new ConnectionValidated(Id, now));
    }

    /// <summary>
    /// Replaces the credentials with new ones the platform has just accepted (a rotation); the catalog is refreshed.
    /// The new credentials must act in the same workspace or guild: the stored messages, channel selection and
    /// checkpoints belong to it, and a connection's data never mixes two workspaces.
    /// </summary>
    public Result RotateCredentials(
        string protectedCredentials,
        string workspaceId,
        IReadOnlyCollection<DiscoveredChannel> channels,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedCredentials);
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        if (!string.Equals(workspaceId, WorkspaceId, StringComparison.Ordinal))
        {
            return ConnectionErrors.WorkspaceMismatch(Platform, WorkspaceId, workspaceId);
        }

        ProtectedCredentials = protectedCredentials;
        MarkValidated(channels, now);
        return Result.Success();
    }

    /// <summary>
    /// Records a failed check. Credential-class failures put the connection in <c>error</c> and remember why;
    /// transient ones (network, rate limit, platform outage) say nothing about the credentials and change nothing.
    /// </summary>
    /// <returns>True when the connection changed.</returns>
    public bool MarkFailed(ConnectionErrorCode code, string message, DateTimeOffset now)
    {
        if (!code.IsCredentialFailure())
        {
            return false;
        }

        Status = ConnectionStatus.Error;
        LastErrorCode = code;
        LastErrorMessage = message;
        LastErrorAt = now;
        Touch(now);
        Raise(new ConnectionFailed(Id, code, now));
        return true;
    }

    /// <summary>Refreshes the catalog from discovery without touching status (e.g. <c>?refresh=true</c>).</summary>
    public void RefreshChannels(IReadOnlyCollection<DiscoveredChannel> channels, DateTimeOffset now)
    {
        ReplaceCatalog(channels, now);
        Touch(now);
    }

    /// <summary>
    /// Chooses the channels to sync: either every current and future channel (<paramref name="syncAll"/>) or exactly
    /// <paramref name="channelIds"/>, which must all be in the catalog.
    /// </summary>
    public Result SelectChannels(IReadOnlyCollection<string> channelIds, bool syncAll, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        if (syncAll && channelIds.Count > 0)
        {
            return ConnectionErrors.SyncAllWithIds();
        }

        var known = _channels.Select(c => c.ChannelId).ToHashSet(StringComparer.Ordinal);
        var unknown = channelIds.Where(id => !known.Contains(id)).Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            return ConnectionErrors.UnknownChannels(unknown);
        }

        var selected = channelIds.ToHashSet(StringComparer.Ordinal);
        SyncAllChannels = syncAll;
        foreach (var channel in _channels)
        {
            channel.SetSyncEnabled(syncAll || selected.Contains(channel.ChannelId));
        }

        // Nothing is synced before channels are chosen; once they are, the first sync is due at once. With none left
        // chosen, nothing is scheduled.
        NextSyncAt = syncAll || selected.Count > 0
            ? NextSyncAt is { } next && next < now ? next : now
            : null;

        Touch(now);
        return Result.Success();
    }

    /// <summary>Marks the connection for deletion; its channels and credentials go with it.</summary>
    public void MarkDeleted(DateTimeOffset now) => Raise(new ConnectionDeleted(Id, now));

    private void SetName(string name)
    {
        var normalized = ConnectionName.Normalize(name);
        if (normalized.IsFailure)
        {
            throw new ArgumentException(normalized.Error.Message, nameof(name));
        }

        Name = normalized.Value;
        NameKey = ConnectionName.Key(Name);
    }

    /// <summary>
    /// Merges discovery into the catalog: known channels are updated in place and keep their selection, channels no
    /// longer visible leave, new ones arrive selected only under <see cref="SyncAllChannels"/>.
    /// </summary>
    private void ReplaceCatalog(IReadOnlyCollection<DiscoveredChannel> discovered, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(discovered);
        var incoming = discovered
            .GroupBy(c => c.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _channels.RemoveAll(c => !incoming.ContainsKey(c.ChannelId));
        var existing = _channels.ToDictionary(c => c.ChannelId, StringComparer.Ordinal);
        foreach (var channel in incoming.Values)
        {
            if (existing.TryGetValue(channel.Id, out var current))
            {
                current.Update(channel, now);
            }
            else
            {
                _channels.Add(new ConnectionChannel(Id, channel, SyncAllChannels, now));
            }
        }

        ChannelCount = _channels.Count;
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version = Guid.NewGuid();
    }
}
