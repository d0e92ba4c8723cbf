using Connections.Application.Common.Interfaces;
using Connections.Application.Connections.Common;
using Connections.Application.Syncs.Common;
using Connections.Domain.Connections;
using Connections.Domain.Syncs;
using Microsoft.EntityFrameworkCore;

namespace Connections.Application.Syncs;

/// <summary>
/// Runs one sync: every selected channel, page by page from its persisted checkpoint. Messages are stored before the
/// checkpoint moves, so an interrupted run resumes without gaps and a re-run stores no duplicates. A channel the bot
/// can no longer read, or one rate-limited for longer than a worker should wait, does not stop the others (the run
/// ends partial); revoked or invalid credentials stop the run and put the connection in error.
/// The caller must hold the connection's lease. Each run is one span and counts in the sync metrics.
/// </summary>
public sealed class SyncEngine(
    IApplicationDbContext db,
    IEnumerable<IMessageSource> sources,
    IMessageStore store,
    CredentialsVault vault,
    TimeProvider clock,
    SyncRunTelemetry telemetry)
{
    private const int PassProgressEveryPages = 10;

    public async Task RunAsync(string runId, CancellationToken cancellationToken)
    {
        using var activity = SyncRunTelemetry.StartRun(runId);
        var run = await db.SyncRuns.Include(r => r.Channels).FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is not { IsActive: true })
        {
            return;
        }

        var connection = await db.Connections.Include(c => c.Channels).FirstAsync(c => c.Id == run.ConnectionId, cancellationToken);
        SyncRunTelemetry.Describe(activity, connection);
        if (!connection.CanSync)
        {
            run.Abandon(connection.LastErrorCode ?? ConnectionErrorCode.InvalidCredentials, $"The connection is {connection.Status.ToString().ToLowerInvariant()}.", clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await telemetry.RecordFinishedAsync(run, connection, activity, cancellationToken);
            return;
        }

        var channels = connection.ChannelsToSync();
        run.Start(channels.Select(c => c.ChannelId), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        telemetry.Started(run, channels.Count);

        var source = sources.Single(s => s.Platform == connection.Platform);
        var credentials = vault.Unprotect(connection.ProtectedCredentials);
        PlatformError? fatal = null;
        foreach (var channel in channels.Where(c => run.Channel(c.ChannelId).Status == ChannelSyncStatus.Pending)) // others finished before a restart
        {
            fatal = await SyncChannelAsync(run, channel, source, credentials, cancellationToken);
            if (fatal is not null)
            {
                break; // it failed the whole run
            }
        }

        var finished = fatal is null ? clock.GetUtcNow() : run.FinishedAt!.Value;
        if (fatal is null)
        {
            run.Finish(finished);
        }

        await db.SaveWithConnectionAsync(connection, c =>
        {
            if (fatal is not null)
            {
                c.MarkFailed(fatal.ErrorCode, fatal.Message, finished);
            }
            else if (run.ReadNoChannel)
            {
                c.MarkFailed(ConnectionErrorCode.InsufficientPermissions, "The bot can read none of the selected channels.", finished);
            }

            c.RecordSyncFinished(run.Status == SyncRunStatus.Succeeded, finished);
        }, cancellationToken);
        telemetry.Finished(run);
        await telemetry.RecordFinishedAsync(run, connection, activity, cancellationToken);
    }

    /// <returns>The failure that failed the whole run (credentials revoked or expired), or null when the run goes on.</returns>
    private async Task<PlatformError?> SyncChannelAsync(
        SyncRun run, ConnectionChannel channel, IMessageSource source, PlatformCredentials credentials, CancellationToken cancellationToken)
    {
        if (!channel.CanReadHistory)
        {
            // Discord answers such reads with an empty list: reading would report "succeeded" with nothing.
            var unreadable = new PlatformError(ConnectionErrorCode.InsufficientPermissions, "The bot may not read this channel's history (Read Message History).");
            return await RecordFailureAsync(run, channel, unreadable, resumedPass: false, cancellationToken);
        }

        var resumed = channel.SyncPassToken;
        var pagesSinceSaved = 0;
        await foreach (var page in ChannelHistoryReader.ReadAsync(source, credentials, channel.ChannelId, channel.SyncCursor, resumed, cancellationToken))
        {
            if (page.IsFailure)
            {
                return await RecordFailureAsync(run, channel, (PlatformError)page.Error, resumed is not null, cancellationToken);
            }

            resumed = null;
            var (messages, next, checkpoint) = page.Value;
            var written = await store.UpsertAsync(run.ConnectionId, channel.ChannelId, messages, cancellationToken);
            telemetry.MessagesStored(run, source.Platform, written, messages);
            channel.AdvanceCursor(checkpoint, clock.GetUtcNow());
            run.RecordMessages(channel.ChannelId, messages.Count);
            if (checkpoint is null && next is not null)
            {
                channel.SavePassProgress(next);
            }

            // Persist progress when the checkpoint moves, and every few pages of a long pass: that is what a
            // restarted run resumes from (at most that many pages are fetched again, and stored idempotently).
            if (checkpoint is not null || ++pagesSinceSaved >= PassProgressEveryPages)
            {
                await db.SaveChangesAsync(cancellationToken);
                pagesSinceSaved = 0;
            }
        }

        run.Channel(channel.ChannelId).Finish(ChannelSyncStatus.Succeeded);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    private async Task<PlatformError?> RecordFailureAsync(
        SyncRun run, ConnectionChannel channel, PlatformError error, bool resumedPass, CancellationToken cancellationToken)
    {
        if (run.RecordChannelFailure(channel.ChannelId, error.ErrorCode, error.Message, clock.GetUtcNow()))
        {
            return error;
        }

        if (resumedPass && error.ErrorCode is not ConnectionErrorCode.RateLimited and not ConnectionErrorCode.NetworkError)
        {
            // The saved position of an unfinished pass may have expired: start that pass again next time.
            channel.AbandonPass();
        }

        channel.MarkSyncFailed(error.ErrorCode);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
