namespace Connections.FakePlatforms;

public enum FakePlatform
{
    Slack,
    Discord,
}

/// <summary>One request the fake server answered.</summary>
/// <param name="Platform">Which fake answered.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Full request path without the query, e.g. <c>/slack/api/auth.test</c> or <c>/discord/api/v10/users/@me</c>.</param>
/// <param name="Query">The query string including <c>?</c>, or empty.</param>
/// <param name="Token">The token the caller presented, or null when none.</param>
/// <param name="Time">When the request arrived (UTC).</param>
/// <param name="StatusCode">HTTP status answered; 499 when the client aborted first.</param>
/// <param name="Error">Slack <c>error</c> code or Discord error <c>message</c> when the answer was an error, else null.</param>
public sealed record FakeRequest(
    FakePlatform Platform,
    string Method,
    string Path,
    string Query,
    string? Token,
    DateTimeOffset Time,
    int StatusCode,
    string? Error);
