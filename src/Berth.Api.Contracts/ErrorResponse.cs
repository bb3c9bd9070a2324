using System.Text.Json.Serialization;

namespace Berth.Api.Contracts;

/// <summary>Every error body: <c>{"message": "..."}</c>.</summary>
public sealed class ErrorResponse
{
    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}
