using System.Collections.Concurrent;

namespace Connections.WebApi.FunctionalTests.Infrastructure;

/// <summary>Keeps the text of every response (headers and body) the tests received, to prove no secret comes back.</summary>
public sealed class ResponseAudit
{
    private readonly ConcurrentQueue<string> _responses = new();

    public IReadOnlyCollection<string> Responses => _responses;

    public DelegatingHandler CreateHandler() => new Recorder(_responses);

    private sealed class Recorder(ConcurrentQueue<string> responses) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync(cancellationToken);
            responses.Enqueue($"{(int)response.StatusCode} {response.Headers} {response.Content?.Headers} {body}");
            return response;
        }
    }
}
