using System.Formats.Tar;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// The tar side of docker cp: a local file or tree as a tar whose entries start with a chosen
/// name, and a tar unpacked under a directory with its first path element renamed.
/// </summary>
internal static class TarTree
{
    /// <summary>Writes <paramref name="source"/> into a tar, its entries named from <paramref name="rootName"/> down.</summary>
    public static async Task WriteAsync(string source, string rootName, bool followLink, Stream output, CancellationToken ct)
    {
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await AddAsync(writer, source, rootName, followLink, ct).ConfigureAwait(false);
    }

    /// <summary>Unpacks <paramref name="tar"/> into <paramref name="directory"/>, renaming the leading <paramref name="from"/> to <paramref name="to"/> ("" drops it).</summary>
    public static async Task ExtractAsync(Stream tar, string directory, string from, string? to, CancellationToken ct)
    {
        await using var reader = new TarReader(tar, leaveOpen: true);
        var root = Path.GetFullPath(directory);
        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
        {
            var name = Rebase(entry.Name.TrimStart('/'), from, to);
            if (name.Length == 0 || name == ".")
            {
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(root, name));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"invalid tar entry outside the destination: {entry.Name}");
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.SymbolicLink:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Delete(target);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
                case TarEntryType.HardLink:
                    File.Copy(Path.Combine(root, Rebase(entry.LinkName.TrimStart('/'), from, to)), target, overwrite: true);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await entry.ExtractToFileAsync(target, overwrite: true, ct).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static string Rebase(string name, string from, string? to)
    {
        if (to is null || from.Length == 0)
        {
            return name;
        }

        if (name == from || name == from + "/")
        {
            return to;
        }

        if (name.StartsWith(from + "/", StringComparison.Ordinal))
        {
            var rest = name[(from.Length + 1)..];
            return to.Length == 0 ? rest : to + "/" + rest;
        }

        return name;
    }

    private static async Task AddAsync(TarWriter writer, string path, string name, bool followLink, CancellationToken ct)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && !followLink)
        {
            await writer.WriteEntryAsync(path, name, ct).ConfigureAwait(false);
            return;
        }

        if (Directory.Exists(path))
        {
            if (name != ".")
            {
                await writer.WriteEntryAsync(path, name, ct).ConfigureAwait(false);
            }

            foreach (var child in Directory.EnumerateFileSystemEntries(path).Order(StringComparer.Ordinal))
            {
                // below the root, links are copied as links, as docker's archive does
                await AddAsync(writer, child, name == "." ? Path.GetFileName(child) : name + "/" + Path.GetFileName(child), followLink: false, ct).ConfigureAwait(false);
            }

            return;
        }

        await writer.WriteEntryAsync(followLink && info.LinkTarget is not null ? info.ResolveLinkTarget(true)!.FullName : path, name, ct).ConfigureAwait(false);
    }
}
