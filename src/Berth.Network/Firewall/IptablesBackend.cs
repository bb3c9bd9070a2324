namespace Berth.Network.Firewall;

/// <summary>Which iptables implementation writes the rules. Both speak the same rule language.</summary>
public enum IptablesBackend
{
    /// <summary>Whatever <c>iptables-restore</c> is on the host (Debian's alternatives pick nft or legacy).</summary>
    System,

    /// <summary><c>iptables-nft-restore</c>: rules in nf_tables, through the iptables compatibility layer.</summary>
    Nft,

    /// <summary><c>iptables-legacy-restore</c>: the x_tables kernel interface.</summary>
    Legacy,
}
