using Berth.Linux.Tests.Support;

namespace Berth.Linux.Tests;

/// <summary>A container's files are read as the container sees them: no symlink in it reaches a host file.</summary>
public sealed class RootedPathTests : IDisposable
{
    private readonly TempDir _dir = new();

    public RootedPathTests()
    {
        Directory.CreateDirectory(_dir.Combine("root", "etc"));
        Directory.CreateDirectory(_dir.Combine("host"));
        File.WriteAllText(_dir.Combine("root", "etc", "passwd"), "inside");
        File.WriteAllText(_dir.Combine("host", "secret"), "host secret");
        File.WriteAllText(_dir.Combine("secret"), "beside the root");
    }

    private string RootPath => _dir.Combine("root");

    [Fact]
    public void A_file_in_the_root_is_read()
    {
        Assert.Equal("inside", Read("/etc/passwd"));
    }

    [Fact]
    public void A_missing_file_is_null()
    {
        Assert.Null(RootedPath.OpenRead(RootPath, "/etc/group"));
        Assert.Null(RootedPath.OpenRead(RootPath, "/nodir/group"));
    }

    [Fact]
    public void An_absolute_symlink_resolves_inside_the_root()
    {
        File.CreateSymbolicLink(_dir.Combine("root", "etc", "link"), "/etc/passwd");
        Assert.Equal("inside", Read("/etc/link"));
    }

    [Fact]
    public void A_symlink_to_a_host_path_does_not_reach_the_host()
    {
        File.CreateSymbolicLink(_dir.Combine("root", "etc", "shadow"), _dir.Combine("host", "secret"));
        Assert.Null(RootedPath.OpenRead(RootPath, "/etc/shadow"));
    }

    [Fact]
    public void Dot_dot_stops_at_the_root()
    {
        File.CreateSymbolicLink(_dir.Combine("root", "etc", "escape"), "../../secret");
        Assert.Null(RootedPath.OpenRead(RootPath, "/etc/escape"));
        Assert.Null(RootedPath.OpenRead(RootPath, "/../secret"));
        Assert.Equal("inside", Read("/../../etc/passwd"));
    }

    private string Read(string path)
    {
        using var file = RootedPath.OpenRead(RootPath, path);
        Assert.NotNull(file);
        using var reader = new StreamReader(file);
        return reader.ReadToEnd();
    }

    public void Dispose() => _dir.Dispose();
}
