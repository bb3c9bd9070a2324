using Berth.Linux;

namespace Berth.Images.Archive;

/// <summary>Directory trees written as tar streams (<c>docker export</c> and <c>docker cp</c> out of a container); see <see cref="TreeArchiver"/>.</summary>
public static class TreeTar
{
    /// <summary>Everything in <paramref name="root"/>, named relative to it, without crossing into mounts (<c>docker export</c>).</summary>
    public static Task WriteContentsAsync(SafeFdHandle root, Stream output, CancellationToken ct) =>
        WriteAsync(output, new TreeArchiveOptions(), (archiver, c) => archiver.WriteChildrenAsync(root, c), ct);

    /// <summary>The entry <paramref name="name"/> of <paramref name="parent"/> and all below it, named <paramref name="archiveName"/>; mounts are crossed.</summary>
    public static Task WriteEntryAsync(SafeFdHandle parent, string name, string archiveName, Stream output, CancellationToken ct) =>
        WriteAsync(output, new TreeArchiveOptions(CrossMounts: true), (archiver, c) => archiver.WriteEntryAsync(parent, name, archiveName, c), ct);

    /// <summary>The directory <paramref name="directory"/> itself, named <paramref name="archiveName"/>, and all below it; mounts are crossed.</summary>
    public static Task WriteDirectoryAsync(SafeFdHandle directory, string archiveName, Stream output, CancellationToken ct) =>
        WriteAsync(output, new TreeArchiveOptions(CrossMounts: true), (archiver, c) => archiver.WriteDirectoryAsync(directory, archiveName, c), ct);

    internal static async Task WriteAsync(Stream output, TreeArchiveOptions options, Func<TreeArchiver, CancellationToken, Task> write, CancellationToken ct)
    {
        await using var tar = new TarOutput(output);
        await write(new TreeArchiver(tar, options), ct).ConfigureAwait(false);
        await tar.CompleteAsync(ct).ConfigureAwait(false);
    }
}
