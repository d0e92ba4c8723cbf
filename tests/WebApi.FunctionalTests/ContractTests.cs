using System.Text.Json.Nodes;
using Connections.WebApi.FunctionalTests.Infrastructure;

namespace Connections.WebApi.FunctionalTests;

/// <summary>
/// The OpenAPI document is a committed contract (contracts/openapi.json) that integrators generate clients from and
/// gate releases on: the service must serve exactly that document, so any change to the API is a reviewed change
/// of the committed file.
/// </summary>
public sealed class ContractTests : FunctionalTest
{
    private const string Refresh = "If the change is intended, run `dotnet cake --target=Contract` (rewrites contracts/openapi.json and "
        + "regenerates clients/typescript) and commit the result; a breaking change also needs a contracts/CHANGELOG.md entry.";

    [Test]
    public async Task OpenApiDocument_ShouldEqualTheCommittedContract()
    {
        using var response = await Anonymous.GetAsync("/openapi/v1.json");
        var served = Normalize(await ReadObjectAsync(response));
        var committed = Normalize(JsonNode.Parse(await File.ReadAllTextAsync(CommittedContractPath()))!.AsObject());

        var difference = FirstDifference(committed, served, "$");

        Assert.That(difference, Is.Null, $"The service's OpenAPI document differs from contracts/openapi.json at {difference}. {Refresh}");
    }

    /// <summary>The request's own server URL is not part of the contract.</summary>
    private static JsonObject Normalize(JsonObject document)
    {
        document.Remove("servers");
        return document;
    }

    private static string CommittedContractPath()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "contracts", "openapi.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"contracts/openapi.json not found above {TestContext.CurrentContext.TestDirectory}. {Refresh}");
    }

    /// <summary>The JSON path of the first difference (with both values), or null when equal. Object member order does not matter.</summary>
    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var key in e.Select(p => p.Key).Union(a.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    if (!e.ContainsKey(key) || !a.ContainsKey(key))
                    {
                        return $"{path}.{key} (committed: {(e.ContainsKey(key) ? "present" : "absent")}, served: {(a.ContainsKey(key) ? "present" : "absent")})";
                    }

                    if (FirstDifference(e[key], a[key], $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
                {
                    if (i >= e.Count || i >= a.Count)
                    {
                        return $"{path}[{i}] (committed has {e.Count} items, served {a.Count})";
                    }

                    if (FirstDifference(e[i], a[i], $"{path}[{i}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(expected, actual)
                    ? null
                    : $"{path} (committed: {expected?.ToJsonString() ?? "null"}, served: {actual?.ToJsonString() ?? "null"})";
        }
    }
}
