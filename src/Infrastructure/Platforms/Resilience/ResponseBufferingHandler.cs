namespace Connections.Infrastructure.Platforms.Resilience;

/// <summary>
/// Sits below the resilience handler, so it runs once per attempt under the attempt's token: it reads the whole
/// response body into memory there. A server that sends headers and then stalls is thus cut off by the attempt
/// timeout (and retried) instead of hanging the caller while it reads the body after the pipeline has finished.
/// </summary>
public sealed class ResponseBufferingHandler : DelegatingHandler
{
    /// <summary>No platform answer we read comes near this; a larger one is a fault, not data.</summary>
    public const long MaxResponseBytes = 32L * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
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
}
