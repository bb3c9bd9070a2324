using System.Text.Json.Serialization;

namespace Berth.Api.Contracts.Streams;

/// <summary>One line of GET /events, with the legacy status/id/from fields compose 1.x reads.</summary>
public sealed class EventMessage
{
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; set; }

    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    [JsonPropertyName("from")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? From { get; set; }

    public string Type { get; set; } = "";

    public string Action { get; set; } = "";

    public EventActor Actor { get; set; } = new();

    [JsonPropertyName("scope")]
    public string Scope { get; set; } = "local";

    [JsonPropertyName("time")]
    public long Time { get; set; }

    [JsonPropertyName("timeNano")]
    public long TimeNano { get; set; }
}

public sealed class EventActor
{
    public string ID { get; set; } = "";

    public Dictionary<string, string> Attributes { get; set; } = [];
}
