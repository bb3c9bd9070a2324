using Berth.Images.Tests.Support;
using Berth.Linux;

namespace Berth.Images.Tests;

/// <summary>docker diff from an upper dir over image layers, as moby's OverlayChanges reports it. Needs root (mknod, trusted xattrs).</summary>
public sealed class OverlayChangesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Additions_modifications_deletions_and_their_parents_are_reported_in_walk_order()
    {
        Requires.Root();
        var lower = _dir.Combine("lower");
        foreach (var directory in new[] { "bin", "etc", "home", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(lower, directory));
        }

        File.WriteAllText(Path.Combine(lower, "bin", "ls"), "ls");
        File.WriteAllText(Path.Combine(lower, "etc", "passwd"), "root");
        File.CreateSymbolicLink(Path.Combine(lower, "escape"), "/");

        var upper = _dir.Combine("upper");
        Directory.CreateDirectory(Path.Combine(upper, "bin"));
        Directory.CreateDirectory(Path.Combine(upper, "etc"));
        Directory.CreateDirectory(Path.Combine(upper, "home"));
        Directory.CreateDirectory(Path.Combine(upper, "escape"));
        File.WriteAllText(Path.Combine(upper, "a"), "a");
        File.WriteAllText(Path.Combine(upper, "etc", "passwd"), "changed");
        File.WriteAllText(Path.Combine(upper, "home", "f"), "f");
        File.WriteAllText(Path.Combine(upper, "escape", "etc"), "not the host's");
        using (var bin = FileSystemNodes.OpenDirectory(Path.Combine(upper, "bin")))
        {
            FileSystemNodes.CreateDevice(bin, "ls", FileSystemNodeType.CharacterDevice, 0, 0, 0);
        }

        using (var root = FileSystemNodes.OpenDirectory(upper))
        {
            FileSystemMetadata.SetXattr(root, "home", Archive.Whiteout.OpaqueXattr, "y"u8);
        }

        // Make the unchanged etc/ look exactly like the image's, as a copied-up directory does.
        File.SetLastWriteTimeUtc(Path.Combine(upper, "etc"), File.GetLastWriteTimeUtc(Path.Combine(lower, "etc")));

        var changes = OverlayChanges.Compute(upper, [lower]).Select(c => (c.Kind, c.Path)).ToList();

        Assert.Equal(
        [
            (FilesystemChangeKind.Added, "/a"),
            (FilesystemChangeKind.Modified, "/bin"),
            (FilesystemChangeKind.Deleted, "/bin/ls"),
            (FilesystemChangeKind.Modified, "/escape"),
            (FilesystemChangeKind.Added, "/escape/etc"),
            (FilesystemChangeKind.Modified, "/etc/passwd"),
            (FilesystemChangeKind.Deleted, "/home"),
            (FilesystemChangeKind.Added, "/home/f"),
        ], changes);
    }

    [Fact]
    public void The_runtimes_mount_targets_are_no_change()
    {
        var upper = _dir.Combine("upper");
        Directory.CreateDirectory(Path.Combine(upper, "etc"));
        File.WriteAllText(Path.Combine(upper, "etc", "hostname"), "");
        Assert.Empty(OverlayChanges.Compute(upper, [_dir.Combine("upper")]));
        Assert.Empty(OverlayChanges.Compute(_dir.Combine("nosuch"), []));
    }
}
