using System.Text.Json;
using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Json;

/// <summary>Docker's StrSlice: <c>Cmd</c>/<c>Entrypoint</c> may arrive as a string or an array; always written as an array.</summary>
public sealed class StringOrArrayConverter : JsonConverter<List<string>?>
{
    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var list = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(reader.TokenType == JsonTokenType.Null ? "" : reader.GetString() ?? "");
                }

                return list;
            default:
                throw new JsonException($"expected string or array, got {reader.TokenType}");
        }
    }

    public override void Write(Utf8JsonWriter writer, List<string>? value, JsonSerializerOptions options)
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
