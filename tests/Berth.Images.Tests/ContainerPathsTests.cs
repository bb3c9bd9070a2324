using System.Formats.Tar;
using Berth.Images.Archive;
using Berth.Images.Tests.Support;
using Berth.Linux;

namespace Berth.Images.Tests;

/// <summary>docker cp's paths: cleaned as Go cleans them, resolved only inside the container's root, whatever links it holds.</summary>
public sealed class ContainerPathsTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _root;
    private readonly string _outside;

    public ContainerPathsTests()
    {
        _root = _dir.Combine("root");
        _outside = _dir.Combine("outside");
        Directory.CreateDirectory(Path.Combine(_root, "etc"));
        Directory.CreateDirectory(_outside);
        File.WriteAllText(Path.Combine(_root, "etc", "passwd"), "root");
        File.WriteAllText(Path.Combine(_outside, "secret"), "secret");
        File.CreateSymbolicLink(Path.Combine(_root, "abs"), _outside);
        File.CreateSymbolicLink(Path.Combine(_root, "up"), "../../../../../../..");
        File.CreateSymbolicLink(Path.Combine(_root, "etclink"), "/etc");
        File.CreateSymbolicLink(Path.Combine(_root, "loop"), "loop");
    }

    public void Dispose() => _dir.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("etc", "/etc")]
    [InlineData("/etc/", "/etc/")]
    [InlineData("/etc/.", "/etc/.")]
    [InlineData("../../etc//passwd", "/etc/passwd")]
    [InlineData("/", "/")]
    [InlineData("", "/")]
    public void Paths_are_cleaned_as_go_joins_them_keeping_a_trailing_slash_or_dot(string path, string expected) =>
        Assert.Equal(expected, ContainerPaths.Absolute(path));

    [Fact]
    public void Links_resolve_inside_the_root_however_they_point()
    {
        using var root = FileSystemNodes.OpenDirectory(_root);
        Assert.Equal("/etc/passwd", ContainerPaths.Resolve(root, "/etclink/passwd"));
        Assert.Equal(_outside + "/secret", ContainerPaths.Resolve(root, "/abs/secret"));
        Assert.Equal("/etc", ContainerPaths.Resolve(root, "/up/etc"));
        Assert.Equal(Errno.ELOOP, Assert.Throws<LinuxException>(() => ContainerPaths.Resolve(root, "/loop")).Errno);

        // The host path the link names does not exist inside the root.
        Assert.Null(ContainerPaths.Stat(root, "/abs/secret"));
        Assert.Null(ContainerPaths.Stat(root, "/up" + _outside + "/secret"));
    }

    [Fact]
    public void Stat_does_not_follow_a_final_link_unless_the_path_ends_in_a_slash()
    {
        using var root = FileSystemNodes.OpenDirectory(_root);
        var link = ContainerPaths.Stat(root, "/etclink")!;
        Assert.Equal((FileSystemNodeType.SymbolicLink, "etclink", "/etc"), (link.Type, link.Name, link.LinkTarget));
        var followed = ContainerPaths.Stat(root, "/etclink/")!;
        Assert.Equal((FileSystemNodeType.Directory, "etclink", ""), (followed.Type, followed.Name, followed.LinkTarget));
        Assert.Equal(4, ContainerPaths.Stat(root, "etc/passwd")!.Size);
        Assert.Null(ContainerPaths.Stat(root, "/nosuch"));
    }

    [Fact]
    public async Task An_archived_directory_holds_its_links_as_links()
    {
        using var root = FileSystemNodes.OpenDirectory(_root);
        var stat = ContainerPaths.Stat(root, "/")!;
        using var output = new MemoryStream();
        await ContainerPaths.WriteArchiveAsync(root, "/", stat, output, Ct);

        output.Position = 0;
        var entries = new Dictionary<string, TarEntry>();
        await using (var reader = new TarReader(output))
        {
            while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
            {
                entries[entry.Name] = entry;
            }
        }

        Assert.Equal(TarEntryType.SymbolicLink, entries["./abs"].EntryType);
        Assert.Equal(_outside, entries["./abs"].LinkName);
        Assert.DoesNotContain(entries.Keys, name => name.Contains("secret", StringComparison.Ordinal));
        Assert.Contains("./etc/passwd", entries.Keys);
    }

    [Fact]
    public async Task Extracting_through_planted_links_stays_inside_the_root()
    {
        Requires.Root();
        using var root = FileSystemNodes.OpenDirectory(_root);
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "planted") { LinkName = _outside }, Ct);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "abs/pwned") { DataStream = new MemoryStream("x"u8.ToArray()) }, Ct);
        }

        tar.Position = 0;
        await Assert.ThrowsAnyAsync<Exception>(() => ContainerTarExtractor.ExtractAsync(root, "/", tar, new ExtractOptions(NoOverwriteDirNonDir: true), Ct));

        Assert.Equal(["secret"], Directory.EnumerateFileSystemEntries(_outside).Select(Path.GetFileName));
        Assert.Equal(_outside, new FileInfo(Path.Combine(_root, "planted")).LinkTarget);
    }
}
