namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>At daemon shutdown: stops every running container (stop signal, then SIGKILL after the timeout) and lets the background work of their exits (runtime release, network teardown, trash) finish.</summary>
    public async Task StopAllAsync(TimeSpan timeout)
    {
        _shuttingDown = true;
        var running = _store.All.Where(c => c.State.Status.IsRunning()).ToList();
        await Task.WhenAll(running.Select(async c =>
        {
            try
            {
                await StopAsync(c.Id, (int)timeout.TotalSeconds, null, manual: false, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Core.Errors.BerthException)
            {
                // exited meanwhile
            }
        })).ConfigureAwait(false);
        await Task.WhenAll(_runtimes.All.Select(r => r.DrainReleasesAsync())).ConfigureAwait(false);
        await _networks.TeardownsDoneAsync().ConfigureAwait(false);
        await _trash.DrainAsync().ConfigureAwait(false);
    }
}
