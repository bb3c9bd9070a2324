using Berth.Linux;
using Microsoft.Extensions.Logging;

namespace Berth.Engine.Networks;

public sealed partial class NetworkService
{
    /// <summary>Teardowns of exited containers' networks still under way.</summary>
    private readonly BackgroundTasks _teardowns = new();

    /// <summary>
    /// Tears an exited container's network down (<see cref="DetachAsync"/>) without making the exit wait:
    /// taking a link down and letting a namespace go each wait for the kernel's RCU grace period, a few
    /// milliseconds of every <c>run --rm</c>. Whatever hands out addresses or removes bridges waits for the
    /// teardowns under way first (<see cref="TeardownsDoneAsync"/>), so addresses still come free in the order
    /// containers stopped, and a container's next start finds its old namespace gone.
    /// </summary>
    public void DetachInBackground(string containerId) => _teardowns.Run(async () =>
    {
        try
        {
            await DetachAsync(containerId).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a background teardown must log, not crash the daemon
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogWarning(e, "network teardown of {Id} failed", containerId);
        }
    });

    /// <summary>Waits for every teardown started so far.</summary>
    public Task TeardownsDoneAsync() => _teardowns.DrainAsync();
}
