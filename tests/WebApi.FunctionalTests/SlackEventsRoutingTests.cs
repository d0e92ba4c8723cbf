using System.Net;
using Connections.Application.Common.Interfaces;
using Connections.FakePlatforms;
using Connections.WebApi.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Connections.WebApi.FunctionalTests;

/// <summary>
/// Refusing a Slack delivery costs the same however many Slack connections exist (ADR 0019): it is routed by team_id
/// and verified against one secret; an unknown team is answered exactly like a bad signature.
/// </summary>
public sealed class SlackEventsRoutingTests : FunctionalTest
{
    private static readonly CountingProtector Counter = new();

    protected override Action<IServiceCollection>? TestServices => services =>
    {
        var inner = services.Single(d => d.ServiceType == typeof(ISecretProtector));
        services.Remove(inner);
        services.AddSingleton<ISecretProtector>(sp => Counter.Wrap((ISecretProtector)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)));
    };

    [Test]
    public async Task Refusal_WhenManyConnectionsOfTheTeamExist_ShouldDecryptAtMostOneSecret()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(MemberA, new { platform = "slack", name = UniqueName("Team"), credentials = new { bot_token = Secrets.Token(FakeTokens.Slack.Valid), signing_secret = Secrets.SigningSecret() } });
        }

        var forTeam = await RefuseAsync($$$"""{"type":"event_callback","team_id":"{{{FakeTokens.Slack.TeamId}}}","event":{"type":"message"}}""");
        var withoutTeam = await RefuseAsync("""{"type":"url_verification","challenge":"abc"}""");

        Assert.Multiple(() =>
        {
            Assert.That(forTeam, Is.LessThanOrEqualTo(1), "secrets decrypted to refuse a delivery naming the team");
            Assert.That(withoutTeam, Is.LessThanOrEqualTo(1), "secrets decrypted to refuse a delivery naming no team");
        });
    }

    [Test]
    public async Task Refusal_WhenTheTeamIsUnknown_ShouldAnswerExactlyLikeABadSignature()
    {
        await CreateAsync(MemberA, SlackBody(UniqueName("Known")));
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var known = $$$"""{"type":"event_callback","team_id":"{{{FakeTokens.Slack.TeamId}}}","event":{"type":"message"}}""";
        var unknown = """{"type":"event_callback","team_id":"T0NOSUCHTEAM","event":{"type":"message"}}""";

        using var badSignature = await PostAsync(known, timestamp);
        using var unknownTeam = await PostAsync(unknown, timestamp);

        var expected = await AssertProblemAsync(badSignature, 401, "INVALID_SIGNATURE");
        var actual = await AssertProblemAsync(unknownTeam, 401, "INVALID_SIGNATURE");
        expected.Remove("trace_id");
        actual.Remove("trace_id");
        Assert.That(actual.ToJsonString(), Is.EqualTo(expected.ToJsonString()), "same status and body (but the trace id)");
    }

    private async Task<int> RefuseAsync(string json)
    {
        var before = Counter.Unprotects;
        using var response = await PostAsync(json, SlackEventRequests.Now());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        return Counter.Unprotects - before;
    }

    private Task<HttpResponseMessage> PostAsync(string json, string timestamp) =>
        Anonymous.SendAsync(SlackEventRequests.SignedWith(json, "0123456789abcdef0123456789abcdef", timestamp));

    private sealed class CountingProtector
    {
        private int _unprotects;

        public int Unprotects => Volatile.Read(ref _unprotects);

        public ISecretProtector Wrap(ISecretProtector inner) => new Counting(inner, this);

        private sealed class Counting(ISecretProtector inner, CountingProtector counter) : ISecretProtector
        {
            public string Protect(string plaintext) => inner.Protect(plaintext);

            public string Unprotect(string protectedText)
            {
                Interlocked.Increment(ref counter._unprotects);
                return inner.Unprotect(protectedText);
            }
        }
    }
}
