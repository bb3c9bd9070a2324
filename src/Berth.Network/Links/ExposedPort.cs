using System.Globalization;

namespace Berth.Network.Links;

/// <summary>A port the linked child exposes: <c>80/tcp</c>.</summary>
public sealed record ExposedPort(int Number, string Protocol)
{
    /// <summary>Parses <c>80/tcp</c>, <c>53/udp</c>, or <c>80</c> (tcp).</summary>
    public static ExposedPort Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/', 2);
        return new ExposedPort(int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1].ToLowerInvariant() : "tcp");
    }
}
