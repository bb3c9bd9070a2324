using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Containers;

/// <summary>
/// Docker's StrSlice: <c>Cmd</c>/<c>Entrypoint</c> may arrive as a string or an array, and are always written as an
/// array. A type of its own (the converter on the type, not on the properties) lets the JSON source generator write
/// a create request with straight-line code instead of building the metadata of its whole graph first.
/// </summary>
[JsonConverter(typeof(StrSliceConverter))]
public sealed class StrSlice : List<string>
{
    public StrSlice()
    {
    }

    public StrSlice(IEnumerable<string> items)
        : base(items)
    {
    }
}

/// <summary>Reads a string or an array of strings (a null item as ""); writes an array.</summary>
public sealed class StrSliceConverter : JsonConverter<StrSlice?>
{
    public override bool HandleNull => true;

    public override StrSlice? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var list = new StrSlice();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(reader.TokenType == JsonTokenType.Null ? "" : reader.GetString() ?? "");
                }

                return list;
            default:
                throw new JsonException($"expected string or array, got {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, StrSlice? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
