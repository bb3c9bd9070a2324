using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Images.Json;

namespace Berth.Images;

/// <summary>Image config JSON, with source-generated serialization; absent values are left out, not written as null.</summary>
public static class ImageConfigJson
{
    // Configs are never embedded in HTML: keep labels and commands readable (no \u002B for '+', raw UTF-8).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize(ImageConfig config)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, config, ImageJsonContext.Default.ImageConfig);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="BerthException">InvalidArgument if <paramref name="json"/> is not an image config.</exception>
    public static ImageConfig Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ImageJsonContext.Default.ImageConfig)
                ?? throw Errors.InvalidArgument("invalid image config: null");
        }
        catch (JsonException e)
        {
            throw Errors.InvalidArgument($"invalid image config: {e.Message}");
        }
    }
}
