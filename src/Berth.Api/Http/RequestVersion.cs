using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

/// <summary>The API version of the current request (from its /vX.Y prefix, else the current one).</summary>
public static class RequestVersion
{
    private const string Key = "berth.api-version";

    public static ApiVersion Get(HttpContext context) =>
        context.Items.TryGetValue(Key, out var v) && v is ApiVersion version ? version : ApiVersion.Current;

    public static void Set(HttpContext context, ApiVersion version) => context.Items[Key] = version;

    /// <summary>Strips a /vX.Y prefix from the path, remembering the version; Docker's routes exist both ways.</summary>
    public static string? StripPrefix(string path, out string? version)
    {
        version = null;
        if (path.Length < 4 || path[0] != '/' || path[1] != 'v' || !char.IsAsciiDigit(path[2]))
        {
            return null;
        }

        var end = path.IndexOf('/', 2);
        version = end < 0 ? path[2..] : path[2..end];
        return end < 0 ? "/" : path[end..];
    }
}
