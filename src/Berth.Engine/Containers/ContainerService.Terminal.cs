using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>POST /containers/{id}/resize: sets the terminal size of a running TTY container.</summary>
    public void Resize(string idOrName, ushort rows, ushort columns)
    {
        var record = Get(idOrName);
        var process = ProcessOf(record.Id) ?? throw Errors.ContainerNotRunning(record.Id);
        process.Terminal?.Resize(rows, columns);
        Emit("resize", record, ("height", rows.ToString(CultureInfo.InvariantCulture)), ("width", columns.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Closes the container's stdin (StdinOnce without a TTY, when the attached client's input ends).</summary>
    public async Task CloseStdinAsync(string id)
    {
        var stdin = await Live(id).Streams.StdinAsync().ConfigureAwait(false);
        if (stdin is not null)
        {
            await stdin.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The log of a container (for `logs` and attach's logs=1 replay).</summary>
    public Logs.ContainerLog LogOf(string id) => Live(id).Log;
}
