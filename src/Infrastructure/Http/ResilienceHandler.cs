using Polly;

namespace Connections.Infrastructure.Http;

/// <summary>
/// The one resilience handler of every platform client: sends each request through the platform's long-lived
/// <see cref="ResiliencePipeline{T}"/>. Handlers are recycled by IHttpClientFactory; the pipeline (and with it the
/// circuit breaker's state) is not, because it comes from the singleton <see cref="PlatformResiliencePipelines"/>.
/// </summary>
/// <remarks>
/// Failures surface as the pipeline leaves them: a final transient response (5xx, or a 429 whose wait did not fit the
/// budget) is returned; network failures throw <see cref="HttpRequestException"/>, timeouts
/// <see cref="Polly.Timeout.TimeoutRejectedException"/>, an open circuit <see cref="Polly.CircuitBreaker.BrokenCircuitException"/>.
/// </remarks>
public sealed class ResilienceHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _timeProvider;

    public ResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline, TimeProvider timeProvider)
    {
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResiliencePipeline.StartedAtKey, _timeProvider.GetTimestamp());
        try
        {
            // The same request message is sent again on a retry: fine below HttpClient (only HttpClient itself
            // refuses a second send), and our requests carry no content or buffered (form) content.
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendOnceAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt, body included: the response is buffered under the attempt's token, so a server that sends headers
    /// and then stalls is cut off by the attempt and total timeouts instead of hanging the caller.
    /// </summary>
    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxResponseBytes, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>No platform answer we read comes near this; a larger one is a fault, not data.</summary>
    private const long MaxResponseBytes = 32L * 1024 * 1024;
}
