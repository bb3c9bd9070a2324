using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Core.Tests;

public sealed class IdsTests
{
    [Fact]
    public void Digest_of_content_is_sha256()
    {
        var digest = Digest.Compute("hello"u8);
        Assert.Equal("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", digest.ToString());
        Assert.Equal("2cf24dba5fb0", digest.Short);
        Assert.Equal(digest, Digest.Parse(digest.ToString()));
        Assert.Equal(digest, Digest.Parse(digest.Hex));
        Assert.False(Digest.TryParse("sha256:xyz", out _));
        Assert.False(Digest.TryParse("sha256:" + new string('A', 64), out _));
    }

    [Fact]
    public void Chain_id_follows_the_oci_definition()
    {
        var a = Digest.Compute("a"u8);
        var b = Digest.Compute("b"u8);
        Assert.Equal(a, ChainId.Next(null, a));
        var expected = Digest.Compute(System.Text.Encoding.ASCII.GetBytes(a + " " + b));
        Assert.Equal(expected, ChainId.Next(a, b));
        Assert.Equal([a, expected], ChainId.ForStack([a, b]));
    }

    [Fact]
    public void Container_ids_are_64_hex_with_a_non_numeric_short_form()
    {
        for (var i = 0; i < 200; i++)
        {
            var id = ContainerId.New();
            Assert.Matches("^[0-9a-f]{64}$", id.Value);
            Assert.Contains(id.Short, c => c is >= 'a' and <= 'f');
        }
    }

    [Theory]
    [InlineData("web", "web")]
    [InlineData("/web", "web")]
    [InlineData("a.b_c-d", "a.b_c-d")]
    public void Container_names_follow_dockers_rule(string name, string stored) => Assert.Equal(stored, ContainerName.Normalize(name));

    [Theory]
    [InlineData("x")]
    [InlineData("-x")]
    [InlineData("bad name")]
    [InlineData("a/b")]
    public void Bad_container_names_are_refused(string name)
    {
        var e = Assert.Throws<BerthException>(() => ContainerName.Normalize(name));
        Assert.Equal($"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", e.Message);
    }

    [Fact]
    public void Random_names_look_like_dockers() => Assert.Matches("^[a-z]+_[a-z]+$", ContainerName.Random());
}
