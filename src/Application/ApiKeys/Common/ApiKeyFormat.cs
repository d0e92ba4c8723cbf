using Connections.Domain.ApiKeys;
using Connections.Domain.Common;

namespace Connections.Application.ApiKeys.Common;

/// <summary>The presented form of a key is <c>&lt;key id&gt;.&lt;secret&gt;</c>; the id finds the row, the secret is checked against its hash.</summary>
public static class ApiKeyFormat
{
    public static string Compose(string id, string secret) => $"{id}.{secret}";

    public static bool TrySplit(string presented, out string id, out string secret)
    {
        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        id = dot > 0 ? presented[..dot] : string.Empty;
        secret = dot > 0 ? presented[(dot + 1)..] : string.Empty;
        return Ids.IsValid(id, ApiKey.IdPrefix) && secret.Length is >= 32 and <= 128;
    }
}
