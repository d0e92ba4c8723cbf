using System.Text.Json;

namespace Connections.FakePlatforms.Slack;

/// <summary>A Slack Web API call as Slack reads it: arguments from the query, a form or a JSON body; the token from the header or a <c>token</c> argument.</summary>
internal sealed record SlackRequest(string? Token, IReadOnlyDictionary<string, string> Args, string? BodyError)
{
    public string? Arg(string name) =>
        Args.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public static async Task<SlackRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var args = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        string? bodyError = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var field in form)
            {
                args[field.Key] = field.Value.ToString();
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    args[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString() ?? string.Empty
                        : property.Value.GetRawText();
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                bodyError = "invalid_json";
            }
        }

        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : args.GetValueOrDefault("token");
        return new SlackRequest(string.IsNullOrEmpty(token) ? null : token, args, bodyError);
    }
}
