using Berth.Network.Bridge;
using Berth.Network.Firewall;
using Berth.Network.Namespaces;
using Berth.Network.Ports;

namespace Berth.Network;

/// <summary>What a sweep removed.</summary>
public sealed record SweepReport(IReadOnlyList<string> Veths, IReadOnlyList<string> RuleTags, IReadOnlyList<string> Namespaces);

/// <summary>
/// Crash recovery in two calls. <see cref="RemoveContainerAsync"/> removes everything networking gave one
/// container, whether it was fully set up, half set up or already gone: proxies, host ports, rules, veths,
/// namespace. <see cref="SweepAsync"/>, at daemon start, removes the same for every container the engine
/// no longer knows (and the rules of networks it no longer knows). Both are idempotent. Namespaces are
/// expected to be named by container id in the <see cref="NetnsDirectory"/>.
/// </summary>
public sealed class NetworkSweeper(BridgeDriver bridges, NetnsDirectory namespaces, IptablesFirewall? firewall = null, PortPublisher? ports = null)
{
    public async Task RemoveContainerAsync(string containerId, CancellationToken ct = default)
    {
        if (ports is not null)
        {
            await ports.UnpublishAsync(containerId, ct).ConfigureAwait(false);
        }
        else if (firewall is not null)
        {
            await firewall.RemoveContainerAsync(containerId, ct).ConfigureAwait(false);
        }

        bridges.DisconnectContainer(containerId);
        namespaces.Delete(containerId);
    }

    /// <param name="isKnownContainer">True for the ids of containers that exist (running or not).</param>
    /// <param name="isKnownBridge">True for the bridges of networks that exist; null keeps every network's rules.</param>
    public async Task<SweepReport> SweepAsync(Func<string, bool> isKnownContainer, Func<string, bool>? isKnownBridge = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(isKnownContainer);
        var rules = firewall is null ? [] : await firewall.SweepAsync(isKnownContainer, isKnownBridge, ct).ConfigureAwait(false);
        var veths = bridges.SweepEndpoints(isKnownContainer);
        var netns = namespaces.Sweep(isKnownContainer);
        return new SweepReport(veths, rules, netns);
    }
}
