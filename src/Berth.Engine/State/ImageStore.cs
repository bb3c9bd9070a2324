using System.Collections.Concurrent;
using System.Text.Json;
using Berth.Engine.Images;

namespace Berth.Engine.State;

/// <summary>Image rows and tags: persisted in the database, mirrored in memory.</summary>
public sealed class ImageStore
{
    private readonly StateDatabase _db;
    private readonly ConcurrentDictionary<string, ImageRecord> _images = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TagRecord> _tags = new(StringComparer.Ordinal);

    public ImageStore(StateDatabase db) => _db = db;

    public async Task LoadAsync()
    {
        var (images, tags) = await _db.RunAsync((c, tx) => (
            c.Query(tx, "SELECT data FROM images", r => r.GetString(0)),
            c.Query(tx, "SELECT ref, image_id, tagged_at FROM tags", r => new TagRecord(r.GetString(0), r.GetString(1), DateTime.Parse(r.GetString(2), System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime()))))
            .ConfigureAwait(false);
        foreach (var row in images)
        {
            var image = JsonSerializer.Deserialize(row, EngineJsonContext.Default.ImageRecord)!;
            _images[image.Id] = image;
        }

        foreach (var tag in tags)
        {
            _tags[tag.Reference] = tag;
        }
    }

    public IReadOnlyCollection<ImageRecord> Images => _images.Values.ToList();

    public IReadOnlyCollection<TagRecord> Tags => _tags.Values.ToList();

    public ImageRecord? ById(string id) => _images.GetValueOrDefault(id);

    public TagRecord? Tag(string reference) => _tags.GetValueOrDefault(reference);

    public IReadOnlyList<TagRecord> TagsOf(string imageId) =>
        _tags.Values.Where(t => t.ImageId == imageId).OrderBy(t => t.Reference, StringComparer.Ordinal).ToList();

    /// <summary>Adds (or keeps) an image and points <paramref name="reference"/> at it, in one transaction.</summary>
    public async Task AddAsync(ImageRecord image, string? reference)
    {
        var json = JsonSerializer.Serialize(image, EngineJsonContext.Default.ImageRecord);
        var now = DateTime.UtcNow;
        await _db.RunAsync((c, tx) =>
        {
            c.Execute(tx, "INSERT INTO images(id, data) VALUES($id, $data) ON CONFLICT(id) DO UPDATE SET data = $data", ("$id", image.Id), ("$data", json));
            if (reference is not null)
            {
                c.Execute(tx, "INSERT INTO tags(ref, image_id, tagged_at) VALUES($ref, $id, $at) ON CONFLICT(ref) DO UPDATE SET image_id = $id, tagged_at = $at",
                    ("$ref", reference), ("$id", image.Id), ("$at", now.ToString("O")));
            }
        }, transaction: true).ConfigureAwait(false);
        _images[image.Id] = image;
        if (reference is not null)
        {
            _tags[reference] = new TagRecord(reference, image.Id, now);
        }
    }

    public async Task TagAsync(string reference, string imageId)
    {
        var now = DateTime.UtcNow;
        await _db.RunAsync((c, tx) => c.Execute(tx,
            "INSERT INTO tags(ref, image_id, tagged_at) VALUES($ref, $id, $at) ON CONFLICT(ref) DO UPDATE SET image_id = $id, tagged_at = $at",
            ("$ref", reference), ("$id", imageId), ("$at", now.ToString("O")))).ConfigureAwait(false);
        _tags[reference] = new TagRecord(reference, imageId, now);
    }

    public async Task UntagAsync(string reference)
    {
        await _db.RunAsync((c, tx) => c.Execute(tx, "DELETE FROM tags WHERE ref = $ref", ("$ref", reference))).ConfigureAwait(false);
        _tags.TryRemove(reference, out _);
    }

    public async Task RemoveAsync(string imageId)
    {
        await _db.RunAsync((c, tx) =>
        {
            c.Execute(tx, "DELETE FROM tags WHERE image_id = $id", ("$id", imageId));
            c.Execute(tx, "DELETE FROM images WHERE id = $id", ("$id", imageId));
        }, transaction: true).ConfigureAwait(false);
        _images.TryRemove(imageId, out _);
        foreach (var tag in _tags.Values.Where(t => t.ImageId == imageId).ToList())
        {
            _tags.TryRemove(tag.Reference, out _);
        }
    }
}

/// <summary>A reference (full normalized form, e.g. docker.io/library/busybox:latest) pointing at an image.</summary>
public sealed record TagRecord(string Reference, string ImageId, DateTime TaggedAt);
