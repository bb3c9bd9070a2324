using System.Text;
using System.Text.Json;
using Berth.Api.Contracts.Images;
using Berth.Api.Contracts.Json;
using Berth.Registry;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

/// <summary>
/// Registry credentials as clients send them: the X-Registry-Auth header (base64url JSON of an AuthConfig; docker-py
/// pads it, the CLI sends "e30=" for none) or a POST /auth body. A header that does not decode counts as anonymous,
/// as moby treats it.
/// </summary>
public static class RegistryAuthHeader
{
    public static RegistryCredentials Read(HttpRequest request)
    {
        var header = request.Headers["X-Registry-Auth"].ToString().Trim();
        if (header.Length == 0)
        {
            return RegistryCredentials.Anonymous;
        }

        try
        {
            var base64 = header.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var config = JsonSerializer.Deserialize(Convert.FromBase64String(base64), BerthJsonContext.Default.AuthConfig);
            return config is null ? RegistryCredentials.Anonymous : FromConfig(config);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return RegistryCredentials.Anonymous;
        }
    }

    /// <summary>An AuthConfig's credentials; its "auth" field (base64 of user:password) fills in a missing user or password.</summary>
    public static RegistryCredentials FromConfig(AuthConfig config)
    {
        var user = config.Username;
        var password = config.Password;
        if (!string.IsNullOrEmpty(config.Auth) && (string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password)))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(config.Auth));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    user = pair[..colon];
                    password = pair[(colon + 1)..];
                }
            }
            catch (FormatException)
            {
            }
        }

        return new RegistryCredentials(user, password, NullIfEmpty(config.IdentityToken), NullIfEmpty(config.RegistryToken));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
