using System.Collections.Concurrent;

namespace Berth.Runtime;

public sealed partial class CliRuntime
{
    /// <summary>Deletions of exited containers' state still under way, by container ID.</summary>
    private readonly ConcurrentDictionary<string, Task> _releases = new(StringComparer.Ordinal);

    public Task ReleaseAsync(string containerId)
    {
        var release = Task.Run(() => DeleteAsync(containerId, force: true, CancellationToken.None));
        _releases[containerId] = release;
        _ = release.ContinueWith(
            _ => _releases.TryRemove(KeyValuePair.Create(containerId, release)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return release;
    }

    public async Task DrainReleasesAsync() =>
        await Task.WhenAll(_releases.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    public IReadOnlyList<string> KnownContainers() =>
        [.. Directory.EnumerateDirectories(StateRoot).Select(System.IO.Path.GetFileName).OfType<string>()];

    /// <summary>Waits for a release of this ID under way (its failure is reported to whoever released it).</summary>
    private async Task AwaitReleaseAsync(string containerId)
    {
        if (_releases.TryGetValue(containerId, out var release))
        {
            await release.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
