using System.Net;
using Berth.Network.Ports;

namespace Berth.Network.Firewall;

/// <summary>
/// Berth's iptables rules: per network (forwarding, isolation, MASQUERADE) and per container (DNAT and
/// ACCEPT of published ports). Each change is one <c>iptables-save</c> and at most one
/// <c>iptables-restore --noflush</c>, whatever the number of rules; changes are serialised in-process. Every rule is tagged, so
/// <see cref="RemoveContainerAsync"/> removes exactly one container's rules even after a crash,
/// <see cref="SweepAsync"/> removes those of containers and networks that no longer exist, and
/// <see cref="RemoveAllAsync"/> removes everything Berth added.
/// </summary>
public sealed class IptablesFirewall : IDisposable
{
    private readonly IptablesRunner _runner;
    private readonly FirewallChains _chains;
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <param name="netnsPath">Program the tables of this network namespace instead of the daemon's.</param>
    public IptablesFirewall(NetworkNaming? naming = null, IptablesBackend backend = IptablesBackend.System, string? netnsPath = null)
    {
        _runner = new IptablesRunner(backend, netnsPath);
        _chains = new FirewallChains(naming ?? NetworkNaming.Default);
    }

    /// <summary>The backend in use, e.g. "iptables-restore v1.8.9 (nf_tables)", for the daemon log.</summary>
    public Task<string> DescribeAsync(CancellationToken ct = default) => _runner.VersionAsync(ct);

    /// <summary>Installs (or checks, without touching them when they are in place) the rules of the network on <paramref name="bridge"/>.</summary>
    public Task EnsureNetworkAsync(string bridge, IPNetwork subnet, bool masquerade = true, CancellationToken ct = default) =>
        UpdateAsync(_ => Change(_chains.Naming.NetworkTag(bridge), _chains.Network(bridge, subnet, masquerade)), ct);

    public Task RemoveNetworkAsync(string bridge, CancellationToken ct = default) =>
        UpdateAsync(_ => Change(_chains.Naming.NetworkTag(bridge), []), ct);

    /// <summary>Sets the container's port rules to exactly <paramref name="ports"/> (replacing any it had).</summary>
    public Task SetContainerPortsAsync(string containerId, string bridge, IPAddress containerIp, IEnumerable<PublishedPort> ports, CancellationToken ct = default)
    {
        var rules = _chains.Ports(containerId, bridge, containerIp, ports);
        return UpdateAsync(_ => Change(_chains.Naming.ContainerTag(containerId), rules), ct);
    }

    /// <summary>Removes every rule of the container; a no-op (one read) when it has none.</summary>
    public Task RemoveContainerAsync(string containerId, CancellationToken ct = default) =>
        UpdateAsync(_ => Change(_chains.Naming.ContainerTag(containerId), []), ct);

    /// <summary>
    /// Removes the rules of containers <paramref name="isKnownContainer"/> rejects and, when
    /// <paramref name="isKnownBridge"/> is given, of networks it rejects. Returns the removed tags.
    /// </summary>
    public async Task<IReadOnlyList<string>> SweepAsync(Func<string, bool> isKnownContainer, Func<string, bool>? isKnownBridge = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(isKnownContainer);
        var naming = _chains.Naming;
        bool Stale(string tag) =>
            (naming.ContainerOf(tag) is { } id && !isKnownContainer(id))
            || (isKnownBridge is not null && naming.BridgeOf(tag) is { } bridge && !isKnownBridge(bridge));

        IReadOnlyList<string> removed = [];
        await UpdateAsync(
            current =>
            {
                removed = current.Rules
                    .Where(r => _chains.IsOwned(r.Table, r.Chain) && r.Comment is { } tag && Stale(tag))
                    .Select(r => r.Comment!)
                    .Distinct()
                    .ToList();
                return removed.ToDictionary(tag => tag, IReadOnlyList<ChainRule> (_) => []);
            },
            ct).ConfigureAwait(false);
        return removed;
    }

    /// <summary>Deletes Berth's chains and every jump into them.</summary>
    public async Task RemoveAllAsync(CancellationToken ct = default)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = IptablesRuleset.Parse(await _runner.SaveAsync(ct).ConfigureAwait(false));
            if (FirewallScript.RemoveAll(current, _chains) is { } script)
            {
                await _runner.RestoreAsync(script, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The rules in Berth's chains and the jumps into them, as iptables-save prints them.</summary>
    internal async Task<IReadOnlyList<IptablesRule>> ListRulesAsync(CancellationToken ct = default)
    {
        var current = IptablesRuleset.Parse(await _runner.SaveAsync(ct).ConfigureAwait(false));
        var owned = _chains.Owned.ToHashSet();
        return current.Rules
            .Where(r => owned.Contains((r.Table, r.Chain)) || (r.Target is { } t && owned.Contains((r.Table, t))))
            .ToList();
    }

    public void Dispose() => _lock.Dispose();

    private static Dictionary<string, IReadOnlyList<ChainRule>> Change(string tag, IReadOnlyList<ChainRule> rules) => new() { [tag] = rules };

    /// <summary>Reads the tables, asks for the groups to replace, and writes the difference in one restore.</summary>
    private async Task UpdateAsync(Func<IptablesRuleset, IReadOnlyDictionary<string, IReadOnlyList<ChainRule>>> changes, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = IptablesRuleset.Parse(await _runner.SaveAsync(ct).ConfigureAwait(false));
            if (FirewallScript.Update(current, _chains, changes(current)) is { } script)
            {
                await _runner.RestoreAsync(script, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
    }
}
