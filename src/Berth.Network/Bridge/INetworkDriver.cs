namespace Berth.Network.Bridge;

/// <summary>
/// Puts containers on a network. Lifecycle: <see cref="EnsureNetworkAsync"/> once per network (at daemon
/// start and on <c>network create</c>; idempotent), <see cref="ConnectAsync"/> when a container starts,
/// <see cref="Unplug"/> then the namespace's deletion when it stops, or <see cref="Disconnect"/> to leave a
/// network while running (both idempotent), <see cref="RemoveNetworkAsync"/> on
/// <c>network rm</c>. For crash recovery, <see cref="DisconnectContainer"/> removes whatever a container
/// has, even half-made, and <see cref="SweepEndpoints"/> removes the endpoints of containers that no
/// longer exist.
/// </summary>
public interface INetworkDriver
{
    Task EnsureNetworkAsync(BridgeNetwork network, CancellationToken ct = default);

    Task RemoveNetworkAsync(string bridgeName, CancellationToken ct = default);

    Task<BridgeEndpoint> ConnectAsync(EndpointRequest request, CancellationToken ct = default);

    void Disconnect(BridgeEndpoint endpoint);

    void Unplug(BridgeEndpoint endpoint);

    /// <summary>Deletes every endpoint of the container; returns how many there were.</summary>
    int DisconnectContainer(string containerId);

    /// <summary>Deletes the endpoints of containers <paramref name="isKnownContainer"/> rejects; returns their host interface names.</summary>
    IReadOnlyList<string> SweepEndpoints(Func<string, bool> isKnownContainer);
}
