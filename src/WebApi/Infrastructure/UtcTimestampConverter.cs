using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connections.WebApi.Infrastructure;

/// <summary>
/// Every instant leaves the API as RFC 3339 UTC with millisecond precision (<c>2026-11-22T04:21:38.101Z</c>), so a
/// value reads the same whether it just left memory or came back from any database provider.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
