using Berth.Images.Archive;

namespace Berth.Images.Tests;

public sealed class EntryPathTests
{
    [Theory]
    [InlineData("a", "a")]
    [InlineData("./a/b/", "a/b")]
    [InlineData("a/../b", "b")]
    [InlineData("a/b/../../c", "c")]
    public void Cleans_names_inside_the_root(string name, string expected)
    {
        Assert.True(EntryPath.TryClean(name, out var path));
        Assert.Equal(expected, path);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("./")]
    [InlineData("a/..")]
    public void The_root_itself_has_no_path(string name)
    {
        Assert.True(EntryPath.TryClean(name, out var path));
        Assert.Null(path);
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("//a//./b")]
    [InlineData("/")]
    [InlineData("a/../../x")]
    [InlineData("./../x")]
    [InlineData("a\0/../../x")]
    public void Refuses_names_that_climb_out_or_are_absolute(string name) => Assert.False(EntryPath.TryClean(name, out _));

    [Theory]
    [InlineData("a", ".", "a")]
    [InlineData("a/b/c", "a/b", "c")]
    public void Splits_parent_and_name(string path, string parent, string name) =>
        Assert.Equal((parent, name), EntryPath.Split(path));
}
