using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Engine.Volumes;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.State;

/// <summary>Volume rows: persisted in the database, mirrored in memory.</summary>
public sealed class VolumeStore
{
    private readonly StateDatabase _db;
    private readonly ConcurrentDictionary<string, VolumeRecord> _volumes = new(StringComparer.Ordinal);

    public VolumeStore(StateDatabase db) => _db = db;

    public async Task LoadAsync()
    {
        var rows = await _db.RunAsync((c, tx) => c.Query(tx, "SELECT data FROM volumes", r => r.GetString(0))).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var volume = JsonSerializer.Deserialize(row, EngineJsonContext.Default.VolumeRecord)!;
            _volumes[volume.Name] = volume;
        }
    }

    public IReadOnlyCollection<VolumeRecord> All => _volumes.Values.ToList();

    public VolumeRecord? Get(string name) => _volumes.GetValueOrDefault(name);

    /// <summary>Inserts a volume; false when one of that name exists already.</summary>
    public async Task<bool> TryAddAsync(VolumeRecord volume)
    {
        var json = JsonSerializer.Serialize(volume, EngineJsonContext.Default.VolumeRecord);
        try
        {
            await _db.RunAsync((c, tx) => c.Execute(tx, "INSERT INTO volumes(name, data) VALUES($name, $data)", ("$name", volume.Name), ("$data", json))).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            return false;
        }

        _volumes[volume.Name] = volume;
        return true;
    }

    public async Task UpdateAsync(VolumeRecord volume)
    {
        var json = JsonSerializer.Serialize(volume, EngineJsonContext.Default.VolumeRecord);
        await _db.RunAsync((c, tx) => c.Execute(tx, "UPDATE volumes SET data = $data WHERE name = $name", ("$name", volume.Name), ("$data", json))).ConfigureAwait(false);
        _volumes[volume.Name] = volume;
    }

    public async Task RemoveAsync(string name)
    {
        await _db.RunAsync((c, tx) => c.Execute(tx, "DELETE FROM volumes WHERE name = $name", ("$name", name))).ConfigureAwait(false);
        _volumes.TryRemove(name, out _);
    }
}
