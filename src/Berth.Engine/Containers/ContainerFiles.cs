using System.Text;

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

    public static void Write(string containerDir, ContainerRecord container, IEnumerable<(string Address, string Names)> extraHosts, string? ipAddress)
    {
        var config = container.Config;
        File.WriteAllText(HostnamePath(containerDir), config.Hostname + "\n");

        var hosts = new StringBuilder()
            .Append("127.0.0.1\tlocalhost\n")
            .Append("::1\tlocalhost ip6-localhost ip6-loopback\n")
            .Append("fe00::\tip6-localnet\n")
            .Append("ff00::\tip6-mcastprefix\n")
            .Append("ff02::1\tip6-allnodes\n")
            .Append("ff02::2\tip6-allrouters\n");
        foreach (var (address, names) in extraHosts)
        {
            hosts.Append(address).Append('\t').Append(names).Append('\n');
        }

        if (ipAddress is not null)
        {
            var name = config.Domainname.Length > 0 ? $"{config.Hostname}.{config.Domainname} {config.Hostname}" : config.Hostname;
            hosts.Append(ipAddress).Append('\t').Append(name).Append('\n');
        }

        File.WriteAllText(HostsPath(containerDir), hosts.ToString());
        File.WriteAllText(ResolvConfPath(containerDir), ResolvConf(container.Host));
    }

    /// <summary>The host's resolv.conf without loopback nameservers (they mean nothing inside), or Google's as Docker falls back to.</summary>
    public static string ResolvConf(HostSettings host)
    {
        var lines = File.Exists("/etc/resolv.conf") ? File.ReadAllLines("/etc/resolv.conf") : [];
        var nameservers = host.Dns.Count > 0
            ? host.Dns.ToList()
            : lines.Select(l => l.Trim()).Where(l => l.StartsWith("nameserver", StringComparison.Ordinal))
                .Select(l => l["nameserver".Length..].Trim()).Where(ns => !IsLoopback(ns)).ToList();
        if (nameservers.Count == 0)
        {
            nameservers = ["8.8.8.8", "8.8.4.4"];
        }

        var result = new StringBuilder();
        var search = host.DnsSearch.Count > 0
            ? "search " + string.Join(' ', host.DnsSearch)
            : lines.Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("search ", StringComparison.Ordinal) || l.StartsWith("domain ", StringComparison.Ordinal));
        if (search is not null)
        {
            result.Append(search).Append('\n');
        }

        foreach (var ns in nameservers)
        {
            result.Append("nameserver ").Append(ns).Append('\n');
        }

        var options = host.DnsOptions.Count > 0
            ? "options " + string.Join(' ', host.DnsOptions)
            : lines.Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("options ", StringComparison.Ordinal));
        if (options is not null)
        {
            result.Append(options).Append('\n');
        }

        return result.ToString();
    }

    private static bool IsLoopback(string address) =>
        address.StartsWith("127.", StringComparison.Ordinal) || address == "::1";
}
