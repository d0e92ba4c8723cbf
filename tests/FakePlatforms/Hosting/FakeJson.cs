using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connections.FakePlatforms.Hosting;

internal static class FakeJson
{
    /// <summary>Slack omits absent fields.</summary>
    public static readonly JsonSerializerOptions Slack = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Discord writes nulls (e.g. <c>parent_id: null</c>) unless a field says otherwise.</summary>
    public static readonly JsonSerializerOptions Discord = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
