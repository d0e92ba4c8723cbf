using System.Runtime.CompilerServices;
using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;

namespace Connections.Application.Syncs;

/// <summary>
/// Reads one pass over a channel's history as a sequence of pages, one page ahead: while the caller stores a page, the
/// next one is already on its way, so the platform's latency and the database's writes overlap instead of adding up.
/// A failed page is the last one. A caller that stops early (storing failed, the run was stopped) cancels the page on
/// its way and waits for it, so no read outlives the run.
/// </summary>
internal static class ChannelHistoryReader
{
    /// <param name="source">The platform's history.</param>
    /// <param name="credentials">The connection's credentials.</param>
    /// <param name="channelId">The channel to read.</param>
    /// <param name="cursor">The persisted checkpoint the pass reads after (fixed for the whole pass).</param>
    /// <param name="pageToken">Where an unfinished pass stands, or null to start one.</param>
    /// <param name="cancellationToken">The run's cancellation.</param>
    public static async IAsyncEnumerable<Result<MessagePage>> ReadAsync(
        IMessageSource source,
        PlatformCredentials credentials,
        string channelId,
        string? cursor,
        string? pageToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetching = FetchAsync(source, credentials, channelId, cursor, pageToken, prefetch.Token);
        var awaited = false;
        try
        {
            while (true)
            {
                var page = await fetching;
                awaited = true;
                var next = page.IsSuccess ? page.Value.NextPageToken : null;
                if (next is not null)
                {
                    fetching = FetchAsync(source, credentials, channelId, cursor, next, prefetch.Token);
                    awaited = false;
                }

                yield return page;
                if (next is null)
                {
                    yield break;
                }
            }
        }
        finally
        {
            if (!awaited)
            {
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
    }

    /// <summary>
    /// One page; a saved pass position the source does not recognise (it throws <see cref="ArgumentException"/>) is
    /// answered as a platform error so the pass is abandoned and started again.
    /// </summary>
    private static async Task<Result<MessagePage>> FetchAsync(
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
}
