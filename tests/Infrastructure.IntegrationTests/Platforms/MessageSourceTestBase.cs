using Connections.Application.Common.Interfaces;
using Connections.Domain.Common;
using Connections.Domain.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.Infrastructure.IntegrationTests.Platforms;

/// <summary>Drives an <see cref="IMessageSource"/> the way the sync engine will: pages until the token runs out.</summary>
public abstract class MessageSourceTestBase : PlatformTestBase
{
    protected abstract Platform Platform { get; }

    protected IMessageSource Source(int? pageSize = null)
    {
        var overrides = new Dictionary<string, string?>();
        if (pageSize is { } size)
        {
            overrides[$"Platforms:{Platform}:HistoryPageSize"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return BuildProvider(overrides).GetServices<IMessageSource>().Single(s => s.Platform == Platform);
    }

    /// <summary>One full pass from <paramref name="cursor"/>: every page, or the first failure.</summary>
    protected static async Task<Pass> ReadPassAsync(IMessageSource source, PlatformCredentials credentials, string channelId, string? cursor)
    {
        var pages = new List<MessagePage>();
        string? pageToken = null;
        do
        {
            var result = await source.GetPageAsync(credentials, channelId, cursor, pageToken, CancellationToken.None);
            if (result.IsFailure)
            {
                return new Pass(pages, result.Error);
            }

            pages.Add(result.Value);
            pageToken = result.Value.NextPageToken;
            pages.Count.ShouldBeLessThan(1_000, "the pass never ended");
        }
        while (pageToken is not null);

        return new Pass(pages, null);
    }

    protected static PlatformError ShouldFailWith(Error? error, ConnectionErrorCode expected, string token)
    {
        var platformError = error.ShouldBeOfType<PlatformError>();
        platformError.ErrorCode.ShouldBe(expected, platformError.Message);
        platformError.Message.ShouldNotContain(token);
        return platformError;
    }

    protected sealed record Pass(IReadOnlyList<MessagePage> Pages, Error? Error)
    {
        public IReadOnlyList<PlatformMessage> Messages => [.. Pages.SelectMany(p => p.Messages)];

        /// <summary>The cursor the engine would have persisted: the last checkpoint given.</summary>
        public string? Checkpoint => Pages.LastOrDefault(p => p.Checkpoint is not null)?.Checkpoint;

        public Pass ShouldSucceed()
        {
            Error.ShouldBeNull(Error?.Message);
            return this;
        }
    }
}
