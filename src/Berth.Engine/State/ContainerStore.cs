using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Core.Errors;
using Berth.Engine.Containers;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.State;

/// <summary>
/// Container rows: persisted in the database, mirrored in memory for lookups. The database's
/// UNIQUE name column is what makes name reservation atomic.
/// </summary>
public sealed class ContainerStore
{
    private readonly StateDatabase _db;
    private readonly ConcurrentDictionary<string, ContainerRecord> _byId = new(StringComparer.Ordinal);

    public ContainerStore(StateDatabase db) => _db = db;

    public async Task LoadAsync()
    {
        var rows = await _db.RunAsync((c, tx) => c.Query(tx, "SELECT data FROM containers", r => r.GetString(0))).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var record = JsonSerializer.Deserialize(row, EngineJsonContext.Default.ContainerRecord)!;

            // rows written before a field existed come back with null collections
            _byId[record.Id] = record with
            {
                Networks = record.Networks ?? new Dictionary<string, NetworkAttachment>(),
                Ports = record.Ports ?? [],
                MountPoints = record.MountPoints ?? [],
            };
        }
    }

    public IReadOnlyCollection<ContainerRecord> All => _byId.Values.ToList();

    /// <summary>Inserts a new container; a taken name is Docker's 409 conflict.</summary>
    public async Task AddAsync(ContainerRecord record)
    {
        var json = JsonSerializer.Serialize(record, EngineJsonContext.Default.ContainerRecord);
        try
        {
            await _db.RunAsync((c, tx) => c.Execute(tx, "INSERT INTO containers(id, name, data) VALUES($id, $name, $data)",
                ("$id", record.Id), ("$name", record.Name), ("$data", json))).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            throw Errors.NameInUse(record.Name, OwnerOf(record.Name) ?? "");
        }

        _byId[record.Id] = record;
    }

    public async Task UpdateAsync(ContainerRecord record)
    {
        var json = JsonSerializer.Serialize(record, EngineJsonContext.Default.ContainerRecord);
        try
        {
            await _db.RunAsync((c, tx) => c.Execute(tx, "UPDATE containers SET name = $name, data = $data WHERE id = $id",
                ("$id", record.Id), ("$name", record.Name), ("$data", json))).ConfigureAwait(false);
        }
        catch (SqliteException e) when (e.IsUniqueViolation())
        {
            throw Errors.NameInUse(record.Name, OwnerOf(record.Name) ?? "");
        }

        _byId[record.Id] = record;
    }

    private readonly SemaphoreSlim _mutate = new(1, 1);

    /// <summary>Read-modify-write of the newest record, so concurrent changes (a rename, an exit) never undo each other.</summary>
    public async Task<ContainerRecord> MutateAsync(string id, Func<ContainerRecord, ContainerRecord> change)
    {
        await _mutate.WaitAsync().ConfigureAwait(false);
        try
        {
            var current = ById(id) ?? throw Errors.NoSuchContainer(id);
            var updated = change(current);
            await UpdateAsync(updated).ConfigureAwait(false);
            return updated;
        }
        finally
        {
            _mutate.Release();
        }
    }

    public async Task RemoveAsync(string id)
    {
        await _db.RunAsync((c, tx) => c.Execute(tx, "DELETE FROM containers WHERE id = $id", ("$id", id))).ConfigureAwait(false);
        _byId.TryRemove(id, out _);
    }

    public ContainerRecord? ById(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Docker's lookup order: full ID, exact name (with or without "/"), unique ID prefix.</summary>
    public ContainerRecord Find(string idOrName)
    {
        if (string.IsNullOrEmpty(idOrName))
        {
            throw Errors.NoSuchContainer(idOrName);
        }

        if (_byId.TryGetValue(idOrName, out var exact))
        {
            return exact;
        }

        var name = idOrName.TrimStart('/');
        var all = _byId.Values;
        var byName = all.FirstOrDefault(c => c.Name == name);
        if (byName is not null)
        {
            return byName;
        }

        ContainerRecord? match = null;
        foreach (var candidate in all)
        {
            if (candidate.Id.StartsWith(idOrName, StringComparison.Ordinal))
            {
                if (match is not null)
                {
                    throw Errors.AmbiguousContainer(idOrName);
                }

                match = candidate;
            }
        }

        return match ?? throw Errors.NoSuchContainer(idOrName);
    }

    public string? OwnerOf(string name) => _byId.Values.FirstOrDefault(c => c.Name == name)?.Id;
}
