using Berth.Images.Archive;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>`docker export`: the container's filesystem, flattened, as one tar (its volumes and other mounts left out, as Docker leaves them).</summary>
    public async Task ExportAsync(string idOrName, Stream output, CancellationToken ct)
    {
        var record = Get(idOrName);
        using (var filesystem = await OpenOwnFilesystemAsync(record, ct).ConfigureAwait(false))
        {
            await TreeTar.WriteContentsAsync(filesystem.Root, output, ct).ConfigureAwait(false);
        }

        Emit("export", record);
    }
}
