using System.Globalization;

namespace Berth.Client.Transport;

/// <summary>API version strings ("1.44") compared numerically, as moby's versions package does.</summary>
public static class ApiVersions
{
    /// <summary>The newest API version this client speaks: the one Berth claims.</summary>
    public const string Max = "1.44";

    /// <summary>Assumed when the daemon sends no Api-Version header (the docker client's fallback).</summary>
    public const string Fallback = "1.24";

    public static int Compare(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Max(left.Length, right.Length); i++)
        {
            var l = i < left.Length && int.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var lv) ? lv : 0;
            var r = i < right.Length && int.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;
            if (l != r)
            {
                return l.CompareTo(r);
            }
        }

        return 0;
    }

    public static bool LessThan(string a, string b) => Compare(a, b) < 0;

    /// <summary>min(<see cref="Max"/>, what the daemon offers), or the fallback when it offers nothing.</summary>
    public static string Negotiate(string? serverVersion)
    {
        var offered = string.IsNullOrEmpty(serverVersion) ? Fallback : serverVersion;
        return LessThan(offered, Max) ? offered : Max;
    }
}
