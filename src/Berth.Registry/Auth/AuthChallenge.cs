using System.Net.Http.Headers;

namespace Berth.Registry.Auth;

/// <summary>
/// A registry's <c>WWW-Authenticate</c> challenge (RFC 7235, as the distribution token spec uses it):
/// <c>Bearer realm="https://auth/token",service="registry",scope="repository:x:pull"</c> or <c>Basic realm="x"</c>.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>The first Bearer or Basic challenge of a 401 response, Bearer preferred; null if it has none.</summary>
    public static AuthChallenge? From(HttpResponseMessage response)
    {
        AuthChallenge? basic = null;
        foreach (var header in response.Headers.WwwAuthenticate)
        {
            var challenge = Parse(header);
            if (challenge.IsBearer && challenge.Realm is not null)
            {
                return challenge;
            }

            if (challenge.IsBasic)
            {
                basic ??= challenge;
            }
        }

        return basic;
    }

    public static AuthChallenge Parse(AuthenticationHeaderValue header) => new(header.Scheme, ParseParameters(header.Parameter ?? ""));

    /// <summary>Parses <c>key="quoted, value",key2=token</c> pairs; quoted values may hold commas and escaped quotes.</summary>
    public static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var key = text[i..eq].Trim();
            i = eq + 1;
            var value = new System.Text.StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i++]);
                }

                i++;
            }
            else
            {
                while (i < text.Length && text[i] != ',')
                {
                    value.Append(text[i++]);
                }
            }

            if (key.Length > 0)
            {
                result[key] = value.ToString().Trim();
            }
        }

        return result;
    }
}
