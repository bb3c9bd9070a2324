using System.Text.Json.Serialization;
using Berth.Registry.Auth;
using Berth.Registry.Http;
using Berth.Registry.Metadata;

namespace Berth.Registry.Json;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(RegistryErrorBody))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(List<LayerSource>))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
