namespace Berth.Engine.Containers;

/// <summary>
/// The three files Docker bind-mounts into every container: /etc/hostname, /etc/hosts and
/// /etc/resolv.conf, kept in the container's directory (their paths are in inspect).
/// </summary>
public static class ContainerFiles
{
    public static string HostnamePath(string containerDir) => Path.Combine(containerDir, "hostname");

    public static string HostsPath(string containerDir) => Path.Combine(containerDir, "hosts");

    public static string ResolvConfPath(string containerDir) => Path.Combine(containerDir, "resolv.conf");

    public static void Write(string containerDir, string hostname, string hosts, string resolvConf)
    {
        File.WriteAllText(HostnamePath(containerDir), hostname + "\n");
        File.WriteAllText(HostsPath(containerDir), hosts);
        File.WriteAllText(ResolvConfPath(containerDir), resolvConf);
    }
}
