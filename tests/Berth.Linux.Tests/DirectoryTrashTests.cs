using Berth.Linux.Tests.Support;

namespace Berth.Linux.Tests;

/// <summary>Trees leave their place at once and are deleted in the background; a crash's leftovers go at the next start.</summary>
public sealed class DirectoryTrashTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_discarded_tree_is_gone_at_once_and_deleted_in_the_background()
    {
        var trash = new DirectoryTrash(_dir.Combine("trash"));
        var tree = MakeTree("c1");

        trash.Discard(tree);

        Assert.False(Directory.Exists(tree));
        await trash.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("trash")));
    }

    [Fact]
    public void Discarding_what_is_not_there_does_nothing()
    {
        var trash = new DirectoryTrash(_dir.Combine("trash"));

        trash.Discard(_dir.Combine("never-existed"));

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("trash")));
    }

    [Fact]
    public async Task What_a_crash_left_in_the_trash_is_deleted_when_it_is_next_opened()
    {
        var left = MakeTree(Path.Combine("trash", "left-by-a-crash"));

        var trash = new DirectoryTrash(_dir.Combine("trash"));
        await trash.DrainAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.False(Directory.Exists(left));
    }

    /// <summary>A tree like a container's: nested, with an overlay-style work dir nobody may enter.</summary>
    private string MakeTree(string name)
    {
        var root = _dir.Combine(name);
        Directory.CreateDirectory(Path.Combine(root, "upper", "etc"));
        File.WriteAllText(Path.Combine(root, "upper", "etc", "hostname"), "c1");
        var locked = Path.Combine(root, "work", "work");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        return root;
    }
}
