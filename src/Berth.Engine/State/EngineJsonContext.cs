using System.Text.Json.Serialization;
using Berth.Engine.Containers;
using Berth.Engine.Images;

namespace Berth.Engine.State;

/// <summary>Source-generated JSON for the rows the engine keeps in its database.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(ImageRecord))]
[JsonSerializable(typeof(Berth.Engine.Volumes.VolumeRecord))]
[JsonSerializable(typeof(Berth.Engine.Networks.NetworkRecord))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
