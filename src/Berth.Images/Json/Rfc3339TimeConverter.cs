using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Images.Json;

/// <summary>Times as Go writes them (RFC 3339, UTC as <c>Z</c>, no trailing zeros in the fraction); any RFC 3339 time is read.</summary>
internal sealed class Rfc3339TimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TryGetDateTimeOffset(out var time) ? time : throw new JsonException($"not an RFC 3339 time: {reader.GetString()}");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
