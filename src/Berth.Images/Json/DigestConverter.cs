using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core.Ids;

namespace Berth.Images.Json;

/// <summary>A digest as its <c>sha256:hex</c> string.</summary>
internal sealed class DigestConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return text is not null && text.StartsWith("sha256:", StringComparison.Ordinal) && Digest.TryParse(text, out var digest)
            ? digest
            : throw new JsonException($"not a sha256 digest: {text}");
    }

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
