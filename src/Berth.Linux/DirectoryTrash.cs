namespace Berth.Linux;

/// <summary>
/// Deletes directory trees off the caller's path. <see cref="Discard"/> renames a tree into the trash (one
/// rename(2): it is gone from its place at once) and deletes it in the background. The trash must be on the
/// trees' filesystem; a tree on another one is deleted in place. What a crash leaves in the trash is deleted
/// when the trash is next opened.
/// </summary>
public sealed class DirectoryTrash
{
    private readonly string _dir;
    private readonly BackgroundTasks _deletions = new();

    public DirectoryTrash(string dir)
    {
        _dir = Path.GetFullPath(dir);
        Directory.CreateDirectory(_dir);
        foreach (var left in Directory.EnumerateFileSystemEntries(_dir))
        {
            DeleteInBackground(left);
        }
    }

    /// <summary>Takes <paramref name="path"/> away now and deletes it later; nothing happens if it does not exist.</summary>
    public void Discard(string path)
    {
        var binned = Path.Combine(_dir, Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(path, binned);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }
        catch (IOException) when (Directory.Exists(path))
        {
            // another filesystem (EXDEV): no rename can take it away
            FileSystemTree.Remove(path);
            return;
        }

        DeleteInBackground(binned);
    }

    /// <summary>Waits for the deletions under way; a failed one stays in the trash for the next start.</summary>
    public Task DrainAsync() => _deletions.DrainAsync();

    private void DeleteInBackground(string path) => _deletions.Run(() =>
    {
        FileSystemTree.Remove(path);
        return Task.CompletedTask;
    });
}
