using Berth.Core;
using Berth.Core.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>Raised after a container is removed (with its ID), for state kept beside it (execs).</summary>
    public event Action<string>? Removed;

    /// <summary>`docker rm`: refuses a running container unless forced (then kills it); frees its layer, files and name.</summary>
    public async Task RemoveAsync(string idOrName, bool force, bool removeVolumes, CancellationToken ct)
    {
        var record = Get(idOrName);
        var live = Live(record.Id);
        await live.Lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            if (record.State.Status.IsRunning() && live.RunFinished is not null)
            {
                if (!force)
                {
                    throw record.State.Status switch
                    {
                        ContainerStatus.Paused => Errors.ContainerPausedCannotRemove(record.Name),
                        ContainerStatus.Restarting => Errors.Conflict($"cannot remove container \"/{record.Name}\": container is restarting: stop the container before removing or force remove"),
                        _ => Errors.ContainerRunningCannotRemove(record.Name),
                    };
                }

                await StopLockedAsync(record, live, SigKill, 0).ConfigureAwait(false);
            }

            if (live.RunFinished is { IsCompleted: false } finishing)
            {
                await finishing.ConfigureAwait(false);
            }

            record = _store.ById(record.Id) ?? throw Errors.NoSuchContainer(idOrName);
            RootfsMount.Unmount(_paths.ContainerRootfs(record.Id));
            _snapshots.Remove(record.Id);
            _trash.Discard(_paths.ContainerDir(record.Id));

            await _store.RemoveAsync(record.Id).ConfigureAwait(false);
            if (removeVolumes)
            {
                await RemoveAnonymousVolumesAsync(record).ConfigureAwait(false);
            }

            live.Streams.CompleteAll();
            live.CompleteRemoved(new WaitResult(record.State.ExitCode, null));
            Emit("destroy", record);
            Removed?.Invoke(record.Id);
        }
        finally
        {
            live.Lock.Release();
        }

        if (_live.TryRemove(record.Id, out var gone))
        {
            gone.Log.Dispose();
        }
    }

    /// <summary>rm -v and --rm: the container's anonymous volumes go too, unless another container still uses one.</summary>
    private async Task RemoveAnonymousVolumesAsync(ContainerRecord record)
    {
        foreach (var point in record.MountPoints.Where(m => m.Type == "volume" && m.Name is not null))
        {
            if (_volumes.TryGet(point.Name!) is { Anonymous: true } && _volumes.UsedBy(point.Name!).Count == 0)
            {
                try
                {
                    await _volumes.RemoveAsync(point.Name!, force: true).ConfigureAwait(false);
                }
                catch (BerthException e) when (e.Kind == ErrorKind.Conflict)
                {
                    // taken into use by another container meanwhile
                }
            }
        }
    }

    private static readonly HashSet<string> PruneFilters = ["until", "label", "label!"];

    /// <summary>`docker container prune`: removes every stopped container matching the filters.</summary>
    public async Task<(IReadOnlyList<string> Deleted, long Reclaimed)> PruneAsync(FilterArgs filters, CancellationToken ct)
    {
        filters.Validate(PruneFilters);
        var until = filters.Get("until").Select(ParseUntil).DefaultIfEmpty(DateTime.MaxValue).Min();
        var deleted = new List<string>();
        long reclaimed = 0;
        foreach (var record in _store.All.Where(c => !c.State.Status.IsRunning()))
        {
            if (record.Created >= until || !filters.MatchesLabels("label", record.Config.Labels) || !NotLabels(filters, record))
            {
                continue;
            }

            var size = _snapshots.UsageOf(record.Id);
            try
            {
                await RemoveAsync(record.Id, force: false, removeVolumes: false, ct).ConfigureAwait(false);
                deleted.Add(record.Id);
                reclaimed += size;
            }
            catch (BerthException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Conflict)
            {
                // removed or started meanwhile
            }
        }

        return (deleted, reclaimed);
    }

    private static bool NotLabels(FilterArgs filters, ContainerRecord record) =>
        !filters.Contains("label!") || !filters.Get("label!").Any(l => new FilterArgs(new Dictionary<string, IReadOnlyCollection<string>> { ["l"] = [l] }).MatchesLabels("l", record.Config.Labels));

    /// <summary>Docker's until/since values: a Unix timestamp, an RFC 3339 time, or a duration before now (10m, 24h).</summary>
    public static DateTime ParseUntil(string value)
    {
        if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTime.UnixEpoch.AddSeconds(seconds);
        }

        if (DateTime.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        if (GoDuration.TryParse(value, out var duration))
        {
            return DateTime.UtcNow - duration;
        }

        throw Errors.InvalidArgument($"failed to parse value as time or duration: \"{value}\"");
    }
}
