using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Api.Http;

/// <summary>
/// The API versions Berth speaks: it claims 1.44 (what CLI 29 and Testcontainers need), accepts
/// /v1.24/ to /v1.52/ and unversioned paths, and serves versions above 1.44 with 1.44 semantics.
/// </summary>
public readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    public static readonly ApiVersion Current = new(1, 44);
    public static readonly ApiVersion Minimum = new(1, 24);
    public static readonly ApiVersion Maximum = new(1, 52);

    public override string ToString() => $"{Major}.{Minor}";

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion a, ApiVersion b) => a.CompareTo(b) < 0;

    public static bool operator >(ApiVersion a, ApiVersion b) => a.CompareTo(b) > 0;

    public static bool operator <=(ApiVersion a, ApiVersion b) => a.CompareTo(b) <= 0;

    public static bool operator >=(ApiVersion a, ApiVersion b) => a.CompareTo(b) >= 0;

    public static ApiVersion Parse(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 ||
            !int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ||
            !int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            throw Errors.InvalidArgument($"invalid API version: {text}");
        }

        var version = new ApiVersion(major, minor);
        if (version < Minimum)
        {
            throw Errors.InvalidArgument($"client version {text} is too old. Minimum supported API version is {Minimum}, please upgrade your client to a newer version");
        }

        if (version > Maximum)
        {
            throw Errors.InvalidArgument($"client version {text} is too new. Maximum supported API version is {Maximum}");
        }

        return version;
    }
}
