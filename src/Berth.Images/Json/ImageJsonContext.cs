using System.Text.Json.Serialization;

namespace Berth.Images.Json;

// Go's encoding/json matches names case-insensitively, so configs written by other tools may vary the case.
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(Rfc3339TimeConverter), typeof(DigestConverter)])]
[JsonSerializable(typeof(ImageConfig))]
internal sealed partial class ImageJsonContext : JsonSerializerContext;
