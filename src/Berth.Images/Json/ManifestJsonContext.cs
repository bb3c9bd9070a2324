using System.Text.Json.Serialization;
using Berth.Images.Manifests;

namespace Berth.Images.Json;

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    Converters = [typeof(DigestConverter)])]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(List<DockerArchiveManifest>))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
