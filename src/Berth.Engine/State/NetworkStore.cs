using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Engine.Networks;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.State;

/// <summary>Network rows and IP leases. A lease's primary key (network, address) means no address is ever handed out twice.</summary>
public sealed class NetworkStore
{
    private readonly StateDatabase _db;
    private readonly ConcurrentDictionary<string, NetworkRecord> _networks = new(StringComparer.Ordinal);

    public NetworkStore(StateDatabase db) => _db = db;

    public async Task LoadAsync()
    {
        var rows = await _db.RunAsync((c, tx) => c.Query(tx, "SELECT data FROM networks", r => r.GetString(0))).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var network = JsonSerializer.Deserialize(row, EngineJsonContext.Default.NetworkRecord)!;
            _networks[network.Id] = network;
        }
    }

    public IReadOnlyCollection<NetworkRecord> All => _networks.Values.ToList();

    public NetworkRecord? ById(string id) => _networks.GetValueOrDefault(id);

    public NetworkRecord? ByName(string name) => _networks.Values.FirstOrDefault(n => n.Name == name);

    public async Task<bool> TryAddAsync(NetworkRecord network)
    {
        var json = JsonSerializer.Serialize(network, EngineJsonContext.Default.NetworkRecord);
        try
        {
            await _db.RunAsync((c, tx) => c.Execute(tx, "INSERT INTO networks(id, name, data) VALUES($id, $name, $data)",
                ("$id", network.Id), ("$name", network.Name), ("$data", json))).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            return false;
        }

        _networks[network.Id] = network;
        return true;
    }

    public async Task RemoveAsync(string id)
    {
        await _db.RunAsync((c, tx) =>
        {
            c.Execute(tx, "DELETE FROM leases WHERE network_id = $id", ("$id", id));
            c.Execute(tx, "DELETE FROM networks WHERE id = $id", ("$id", id));
        }, transaction: true).ConfigureAwait(false);
        _networks.TryRemove(id, out _);
    }

    public Task<List<string>> LeasedAddressesAsync(string networkId) =>
        _db.RunAsync((c, tx) => c.Query(tx, "SELECT address FROM leases WHERE network_id = $id", r => r.GetString(0), ("$id", networkId)));

    /// <summary>Takes an address for a container; false when someone holds it already.</summary>
    public async Task<bool> TryLeaseAsync(string networkId, string address, string containerId)
    {
        try
        {
            await _db.RunAsync((c, tx) => c.Execute(tx, "INSERT INTO leases(network_id, address, container_id) VALUES($n, $a, $c)",
                ("$n", networkId), ("$a", address), ("$c", containerId))).ConfigureAwait(false);
            return true;
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            return false;
        }
    }

    public Task ReleaseAsync(string containerId, string? networkId = null) =>
        _db.RunAsync((c, tx) => c.Execute(tx, "DELETE FROM leases WHERE container_id = $c AND ($n IS NULL OR network_id = $n)", ("$c", containerId), ("$n", networkId)));

    /// <summary>At daemon start nothing runs, so no lease is held.</summary>
    public Task ReleaseAllAsync() => _db.RunAsync((c, tx) => c.Execute(tx, "DELETE FROM leases"));
}
