using System.Diagnostics;
using Connections.Application.Common.Interfaces;
using Connections.Application.Common.Telemetry;
using Connections.Application.Connections.Common;
using Connections.Domain.Connections;
using Connections.Domain.Syncs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Connections.Application.Syncs;

/// <summary>
/// Runs one sync: every selected channel, page by page from its persisted checkpoint. Messages are stored before the
/// checkpoint moves, so an interrupted run resumes without gaps and a re-run stores no duplicates. A channel the bot
/// can no longer read, or one rate-limited for longer than a worker should wait, does not stop the others (the run
/// ends partial); revoked or invalid credentials stop the run and put the connection in error.
/// The caller must hold the connection's lease. Each run is one span and counts in the sync metrics.
/// </summary>
public sealed partial class SyncEngine(
    IApplicationDbContext db,
    IEnumerable<IMessageSource> sources,
    IMessageStore store,
    CredentialsVault vault,
    TimeProvider clock,
    ConnectionsMetrics metrics,
    ILogger<SyncEngine> logger)
{
    public async Task RunAsync(string runId, CancellationToken cancellationToken)
    {
        using var activity = ConnectionsActivitySource.Instance.StartActivity("sync run");
        activity?.SetTag("connections.sync_run.id", runId);
        var run = await db.SyncRuns.Include(r => r.Channels).FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is not { IsActive: true })
        {
            return;
        }

        var connection = await db.Connections.Include(c => c.Channels).FirstAsync(c => c.Id == run.ConnectionId, cancellationToken);
        activity?.SetTag("connections.connection.id", connection.Id);
        activity?.SetTag("connections.platform", ConnectionsMetrics.TagOf(connection.Platform));
        if (!connection.CanSync)
        {
            run.Start([], clock.GetUtcNow());
            run.Fail(connection.LastErrorCode ?? ConnectionErrorCode.InvalidCredentials, $"The connection is {connection.Status.ToString().ToLowerInvariant()}.", clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await RecordFinishedAsync(run, connection, activity, cancellationToken);
            return;
        }

        var channels = connection.ChannelsToSync();
        run.Start(channels.Select(c => c.ChannelId), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogStarted(run.Id, connection.Id, channels.Count);

        var source = sources.Single(s => s.Platform == connection.Platform);
        var credentials = vault.Unprotect(connection.ProtectedCredentials);
        foreach (var channel in channels)
        {
            if (run.Channel(channel.ChannelId).Status != ChannelSyncStatus.Pending)
            {
                continue; // finished before a restart
            }

            var fatal = await SyncChannelAsync(run, channel, source, credentials, cancellationToken);
            if (fatal is not null)
            {
                var now = clock.GetUtcNow();
                run.Fail(fatal.ErrorCode, fatal.Message, now);
                await SaveWithConnectionAsync(connection, c =>
                {
                    c.MarkFailed(fatal.ErrorCode, fatal.Message, now);
                    c.RecordSyncFinished(succeeded: false, now);
                }, cancellationToken);
                LogFinished(run.Id, run.Status, run.MessagesFetched);
                await RecordFinishedAsync(run, connection, activity, cancellationToken);
                return;
            }
        }

        var finished = clock.GetUtcNow();
        run.Finish(finished);
        var unreadable = channels.Count > 0 && run.Channels.All(c => c.Status == ChannelSyncStatus.Inaccessible);
        await SaveWithConnectionAsync(connection, c =>
        {
            if (unreadable)
            {
                // Not one channel is readable: the bot was removed or lost its permissions.
                c.MarkFailed(ConnectionErrorCode.InsufficientPermissions, "The bot can read none of the selected channels.", finished);
            }

            c.RecordSyncFinished(run.Status == SyncRunStatus.Succeeded, finished);
        }, cancellationToken);
        LogFinished(run.Id, run.Status, run.MessagesFetched);
        await RecordFinishedAsync(run, connection, activity, cancellationToken);
    }

    /// <summary>
    /// Counts the finished run, marks its span, and reads the connection's newest stored message (one indexed query per
    /// run) so the sync lag is known after a restart too. A failure here must not touch the run, which is saved already.
    /// </summary>
    private async Task RecordFinishedAsync(SyncRun run, Connection connection, Activity? activity, CancellationToken cancellationToken)
    {
        metrics.RecordSyncRun(connection.Platform, run.Status);
        activity?.SetTag("connections.sync_run.status", run.Status.ToString().ToLowerInvariant());
        if (run.Status == SyncRunStatus.Failed)
        {
            activity?.SetStatus(ActivityStatusCode.Error, run.ErrorCode?.ToWireName());
        }

        try
        {
            var newest = await db.Messages.AsNoTracking()
                .Where(m => m.ConnectionId == connection.Id)
                .OrderByDescending(m => m.SentAt)
                .Select(m => (DateTimeOffset?)m.SentAt)
                .FirstOrDefaultAsync(cancellationToken);
            if (newest is { } sentAt)
            {
                metrics.ObserveNewestMessage(connection.Id, connection.Platform, sentAt);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNewestUnknown(ex.GetType().Name, connection.Id);
        }
    }

    /// <returns>A failure that concerns the whole connection, or null when the run can go on.</returns>
    private async Task<PlatformError?> SyncChannelAsync(
        SyncRun run,
        ConnectionChannel channel,
        IMessageSource source,
        PlatformCredentials credentials,
        CancellationToken cancellationToken)
    {
        var part = run.Channel(channel.ChannelId);
        if (!channel.CanReadHistory)
        {
            // Discord answers such reads with an empty list: reading would report "succeeded" with nothing.
            part.Finish(ChannelSyncStatus.Inaccessible, ConnectionErrorCode.InsufficientPermissions, "The bot may not read this channel's history (Read Message History).");
            channel.MarkSyncFailed(ConnectionErrorCode.InsufficientPermissions);
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var passCursor = channel.SyncCursor;
        var resumed = channel.SyncPassToken;
        var pagesSinceSaved = 0;

        // While a page is stored, the next one is already on its way: the platform's latency and the database's
        // writes overlap instead of adding up. The checkpoint still moves only after its page is stored.
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetching = FetchAsync(source, credentials, channel.ChannelId, passCursor, resumed, prefetch.Token);
        var awaited = false;
        try
        {
            while (true)
            {
                var page = await fetching;
                awaited = true;
                if (page.IsFailure)
                {
                    var error = (PlatformError)page.Error;
                    if (error.ErrorCode is ConnectionErrorCode.AuthExpired or ConnectionErrorCode.InvalidCredentials)
                    {
                        return error;
                    }

                    if (resumed is not null && error.ErrorCode is not ConnectionErrorCode.RateLimited and not ConnectionErrorCode.NetworkError)
                    {
                        // The saved position of an unfinished pass may have expired: start that pass again next time.
                        channel.AbandonPass();
                    }

                    part.Finish(StatusFor(error.ErrorCode), error.ErrorCode, error.Message);
                    channel.MarkSyncFailed(error.ErrorCode);
                    await db.SaveChangesAsync(cancellationToken);
                    return null;
                }

                resumed = null;
                var next = page.Value.NextPageToken;
                if (next is not null)
                {
                    fetching = FetchAsync(source, credentials, channel.ChannelId, passCursor, next, prefetch.Token);
                    awaited = false;
                }

                var written = await store.UpsertAsync(run.ConnectionId, channel.ChannelId, page.Value.Messages, cancellationToken);
                metrics.RecordMessagesStored(run.ConnectionId, source.Platform, written, NewestOf(page.Value.Messages));
                channel.AdvanceCursor(page.Value.Checkpoint, clock.GetUtcNow());
                run.RecordMessages(channel.ChannelId, page.Value.Messages.Count);
                if (page.Value.Checkpoint is null && next is not null)
                {
                    channel.SavePassProgress(next);
                }

                // Persist progress when the checkpoint moves, and every few pages of a long pass: that is what a
                // restarted run resumes from (at most that many pages are fetched again, and stored idempotently).
                if (page.Value.Checkpoint is not null || ++pagesSinceSaved >= PassProgressEveryPages)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    pagesSinceSaved = 0;
                }

                if (next is null)
                {
                    break;
                }
            }
        }
        finally
        {
            if (!awaited)
            {
                // Storing failed or the run was stopped while the next page was on its way: stop it and let it finish.
                await prefetch.CancelAsync();
                try
                {
                    await fetching;
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        part.Finish(ChannelSyncStatus.Succeeded);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// Applies the run's outcome to the connection and saves. A caller may have renamed, re-validated or disconnected
    /// the connection while the run went on (its version changed): then reload it and apply the outcome again.
    /// </summary>
    private async Task SaveWithConnectionAsync(Connection connection, Action<Connection> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            apply(connection);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException ex) when (attempt < 3)
            {
                foreach (var entry in ex.Entries)
                {
                    await entry.ReloadAsync(cancellationToken);
                }
            }
        }
    }

    private const int PassProgressEveryPages = 10;

    /// <summary>
    /// One page; a saved pass position the source does not recognise (it throws <see cref="ArgumentException"/>) is
    /// answered as a platform error so the pass is abandoned and started again.
    /// </summary>
    private static async Task<Domain.Common.Result<MessagePage>> FetchAsync(
        IMessageSource source, PlatformCredentials credentials, string channelId, string? cursor, string? pageToken, CancellationToken cancellationToken)
    {
        try
        {
            return await source.GetPageAsync(credentials, channelId, cursor, pageToken, cancellationToken);
        }
        catch (ArgumentException) when (pageToken is not null)
        {
            return new PlatformError(ConnectionErrorCode.PlatformError, "The saved position in this channel's history is no longer valid; the next sync reads it again from the checkpoint.");
        }
    }

    private static DateTimeOffset? NewestOf(IReadOnlyList<PlatformMessage> messages) =>
        messages.Count == 0 ? null : messages.Max(m => m.SentAt);

    private static ChannelSyncStatus StatusFor(ConnectionErrorCode code) => code switch
    {
        ConnectionErrorCode.RateLimited => ChannelSyncStatus.Paused,
        ConnectionErrorCode.InsufficientPermissions => ChannelSyncStatus.Inaccessible,
        _ => ChannelSyncStatus.Failed,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {RunId} of {ConnectionId} started over {ChannelCount} channel(s)")]
    private partial void LogStarted(string runId, string connectionId, int channelCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {RunId} finished {Status} with {Messages} message(s)")]
    private partial void LogFinished(string runId, SyncRunStatus status, int messages);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The newest stored message of {ConnectionId} could not be read for the sync lag ({ExceptionType})")]
    private partial void LogNewestUnknown(string exceptionType, string connectionId);
}
