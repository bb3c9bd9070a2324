using Berth.Core.Errors;
using Berth.Engine.Images;
using Berth.Images;

namespace Berth.Engine.Containers;

public sealed partial class ContainerService
{
    /// <summary>
    /// `docker commit` (moby's CreateImageFromContainer): the config (the given one, or the container's) gets the
    /// changes and is completed from the container's; then the container, paused if asked and running, has its
    /// writes stored as a layer above its image, and the new image is recorded (and tagged). Returns the image ID.
    /// </summary>
    public async Task<string> CommitAsync(string idOrName, CommitRequest request, CancellationToken ct)
    {
        var reference = ImageService.ParseRepoTag(request.Repository, request.Tag);
        var record = Get(idOrName);
        switch (record.State.Status)
        {
            case ContainerStatus.Removing:
                throw Errors.Conflict($"You cannot commit container {record.Id} which is being removed");
            case ContainerStatus.Dead:
                throw Errors.Conflict($"You cannot commit container {record.Id} which is Dead");
        }

        var config = request.Config ?? CommitConfig.From(record.Config);
        DockerfileChanges.Apply(config, request.Changes);
        CommitConfigMerge.Merge(config, CommitConfig.From(record.Config));

        var paused = false;
        if (request.Pause && record.State.Status == ContainerStatus.Running)
        {
            await PauseAsync(record.Id, ct).ConfigureAwait(false);
            paused = true;
        }

        string imageId;
        try
        {
            var details = new CommitDetails(config, CommitConfig.From(record.Config), record.Id, request.Author, request.Comment, request.EngineVersion, DateTimeOffset.UtcNow);
            imageId = await _images.CommitAsync(record, _snapshots.UpperDir(record.Id), details, reference, ct).ConfigureAwait(false);
        }
        finally
        {
            if (paused)
            {
                await UnpauseAsync(record.Id, CancellationToken.None).ConfigureAwait(false);
            }
        }

        Emit("commit", record, ("comment", request.Comment ?? ""), ("imageID", imageId), ("imageRef", reference?.Familiar ?? ""));
        return imageId;
    }
}
