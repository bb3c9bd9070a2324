using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Engine.Images;

/// <summary>One line of `docker history`.</summary>
/// <param name="Id">The image this step made, when it is still here (the image itself, then its parents), else "&lt;missing&gt;".</param>
/// <param name="Tags">That image's familiar tags; null when it has none or is not known.</param>
/// <param name="Size">Bytes of the layer the step added (0 for a step that added none).</param>
public sealed record ImageHistoryEntry(string Id, DateTimeOffset Created, string CreatedBy, IReadOnlyList<string>? Tags, long Size, string Comment);

public sealed partial class ImageService
{
    /// <summary>`docker history` as moby's ImageHistory makes it: newest step first, image IDs filled in along the parent chain.</summary>
    public IReadOnlyList<ImageHistoryEntry> History(string refOrId)
    {
        var image = Resolve(refOrId);
        var steps = image.Config.History ?? [];
        var diffIds = image.Config.RootFs.DiffIds;
        var entries = new List<ImageHistoryEntry>();
        Digest? chain = null;
        var layer = 0;
        foreach (var step in steps)
        {
            long size = 0;
            if (!step.EmptyLayer)
            {
                if (layer >= diffIds.Count)
                {
                    throw Errors.Internal("too many non-empty layers in History section");
                }

                chain = ChainId.Next(chain, diffIds[layer++]);
                size = _layers.Exists(chain.Value) ? _layers.SizeOf(chain.Value) : 0;
            }

            entries.Add(new ImageHistoryEntry("<missing>", step.Created ?? DateTimeOffset.UnixEpoch, step.CreatedBy ?? "", null, size, step.Comment ?? ""));
        }

        entries.Reverse();
        var record = (ImageRecord?)image.Record;
        for (var i = 0; i < entries.Count && record is not null; i++)
        {
            var tags = TagsOf(record.Id);
            entries[i] = entries[i] with { Id = record.Id, Tags = tags.Count == 0 ? null : tags };
            record = record.Parent.Length == 0 ? null : _store.ById(record.Parent);
        }

        return entries;
    }
}
