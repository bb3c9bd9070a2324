using System.Text.Json.Serialization;

namespace Berth.Registry.Auth;

/// <summary>A token server's answer (distribution token spec): <c>token</c> or the OAuth2 <c>access_token</c>, and its lifetime.</summary>
internal sealed class TokenResponse
{
    [JsonPropertyName("token")]
    public string? Token { get; set; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; set; }
}
