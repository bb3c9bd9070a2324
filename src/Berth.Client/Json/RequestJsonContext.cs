using System.Text.Json.Serialization;
using Berth.Api.Contracts.Containers;

namespace Berth.Client.Json;

/// <summary>
/// The create request as the source generator writes it in straight-line code, with no metadata: the metadata of
/// the request's whole object graph costs about 2 ms to build on first use, which a CLI process sending one
/// request pays every time. Its output is BerthJsonContext's (a test compares them).
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(ContainerCreateRequest))]
internal sealed partial class RequestJsonContext : JsonSerializerContext;
