namespace Berth.Network.Tests.Support;

/// <summary>Root tests change host-wide state (links, iptables, ip_forward) and count it before and after, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RootCollection
{
    public const string Name = "root";
}
