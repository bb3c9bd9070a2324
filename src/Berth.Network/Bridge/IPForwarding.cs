namespace Berth.Network.Bridge;

/// <summary>net.ipv4.ip_forward, which published ports and outbound NAT need (Docker enables it too).</summary>
public static class IPForwarding
{
    private const string Path = "/proc/sys/net/ipv4/ip_forward";

    public static bool IsEnabled => File.ReadAllText(Path).Trim() == "1";

    /// <summary>Enables forwarding; returns true when it was off (so a test can put it back).</summary>
    public static bool Enable()
    {
        if (IsEnabled)
        {
            return false;
        }

        File.WriteAllText(Path, "1");
        return true;
    }

    public static void Disable() => File.WriteAllText(Path, "0");
}
