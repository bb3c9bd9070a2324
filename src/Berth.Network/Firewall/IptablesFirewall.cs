using System.Net;
using Berth.Network.Ports;

namespace Berth.Network.Firewall;

/// <summary>
/// Berth's iptables rules: per network (forwarding, MASQUERADE) and per container (DNAT and ACCEPT of
/// published ports). Each change is one <c>iptables-save</c> and one <c>iptables-restore --noflush</c>,
/// whatever the number of rules; changes are serialised in-process. Every rule is tagged, so
/// <see cref="RemoveContainerAsync"/> removes exactly one container's rules even after a crash,
/// <see cref="SweepAsync"/> removes those of containers and networks that no longer exist, and
/// <see cref="RemoveAllAsync"/> removes everything Berth added.
/// </summary>
public sealed class IptablesFirewall : IDisposable
{
    private readonly IptablesRunner _runner;
    private readonly FirewallChains _chains;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public IptablesFirewall(NetworkNaming? naming = null, IptablesBackend backend = IptablesBackend.System)
    {
        _runner = new IptablesRunner(backend);
        _chains = new FirewallChains(naming ?? NetworkNaming.Default);
    }

    /// <summary>The backend in use, e.g. "iptables-restore v1.8.9 (nf_tables)", for the daemon log.</summary>
    public Task<string> DescribeAsync(CancellationToken ct = default) => _runner.VersionAsync(ct);

    /// <summary>Installs (or refreshes) the rules of the network on <paramref name="bridge"/>.</summary>
    public Task EnsureNetworkAsync(string bridge, IPNetwork subnet, bool masquerade = true, CancellationToken ct = default)
    {
        var tag = _chains.Naming.NetworkTag(bridge);
        return UpdateAsync(r => r.Comment == tag, _chains.Network(bridge, subnet, masquerade), ct);
    }

    public Task RemoveNetworkAsync(string bridge, CancellationToken ct = default)
    {
        var tag = _chains.Naming.NetworkTag(bridge);
        return UpdateAsync(r => r.Comment == tag, [], ct);
    }

    /// <summary>Sets the container's port rules to exactly <paramref name="ports"/> (replacing any it had).</summary>
    public Task SetContainerPortsAsync(string containerId, string bridge, IPAddress containerIp, IEnumerable<PublishedPort> ports, CancellationToken ct = default)
    {
        var tag = _chains.Naming.ContainerTag(containerId);
        return UpdateAsync(r => r.Comment == tag, _chains.Ports(containerId, bridge, containerIp, ports), ct);
    }

    /// <summary>Removes every rule of the container; a no-op (one read) when it has none.</summary>
    public Task RemoveContainerAsync(string containerId, CancellationToken ct = default)
    {
        var tag = _chains.Naming.ContainerTag(containerId);
        return UpdateAsync(r => r.Comment == tag, [], ct);
    }

    /// <summary>
    /// Removes the rules of containers <paramref name="isKnownContainer"/> rejects and, when
    /// <paramref name="isKnownBridge"/> is given, of networks it rejects. Returns the removed tags.
    /// </summary>
    public async Task<IReadOnlyList<string>> SweepAsync(Func<string, bool> isKnownContainer, Func<string, bool>? isKnownBridge = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(isKnownContainer);
        var naming = _chains.Naming;
        bool Stale(IptablesRule rule) =>
            rule.Comment is { } tag
            && ((naming.ContainerOf(tag) is { } id && !isKnownContainer(id))
                || (isKnownBridge is not null && naming.BridgeOf(tag) is { } bridge && !isKnownBridge(bridge)));

        var removed = new List<string>();
        await UpdateAsync(
            rule =>
            {
                var stale = Stale(rule);
                if (stale && !removed.Contains(rule.Comment!))
                {
                    removed.Add(rule.Comment!);
                }

                return stale;
            },
            [],
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

    private async Task UpdateAsync(Func<IptablesRule, bool> remove, IReadOnlyList<ChainRule> add, CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = IptablesRuleset.Parse(await _runner.SaveAsync(ct).ConfigureAwait(false));
            var owned = current.Rules.Where(r => _chains.IsOwned(r.Table, r.Chain)).ToList();
            if (add.Count == 0 && !owned.Any(remove))
            {
                return;
            }

            await _runner.RestoreAsync(FirewallScript.Update(current, _chains, remove, add), ct).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }
}
