using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Core.Tests;

public sealed class ImageRefTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox", null, "busybox")]
    [InlineData("busybox:1.36", "docker.io/library/busybox", "1.36", "busybox:1.36")]
    [InlineData("library/busybox", "docker.io/library/busybox", null, "busybox")]
    [InlineData("docker.io/library/busybox:latest", "docker.io/library/busybox", "latest", "busybox:latest")]
    [InlineData("index.docker.io/x/y", "docker.io/x/y", null, "x/y")]
    [InlineData("myuser/app", "docker.io/myuser/app", null, "myuser/app")]
    [InlineData("localhost:5000/app:v1", "localhost:5000/app", "v1", "localhost:5000/app:v1")]
    [InlineData("myreg.example.com/ns/img", "myreg.example.com/ns/img", null, "myreg.example.com/ns/img")]
    [InlineData("localhost/img", "localhost/img", null, "localhost/img")]
    public void Normalizes_like_docker(string text, string repository, string? tag, string familiar)
    {
        var reference = ImageRef.Parse(text);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(familiar, reference.Familiar);
    }

    [Fact]
    public void Default_tag_is_latest()
    {
        Assert.Equal("docker.io/library/busybox:latest", ImageRef.Parse("busybox").WithDefaultTag().ToString());
        Assert.Equal("busybox:latest", ImageRef.Parse("busybox").WithDefaultTag().Familiar);
    }

    [Fact]
    public void Digest_references_parse()
    {
        var hex = new string('a', 64);
        var reference = ImageRef.Parse($"busybox@sha256:{hex}");
        Assert.Equal($"sha256:{hex}", reference.Digest.ToString());
        Assert.Null(reference.Tag);
        Assert.Equal($"busybox@sha256:{hex}", reference.Familiar);
    }

    [Theory]
    [InlineData("")]
    [InlineData("UPPER")]
    [InlineData("a b")]
    [InlineData("busybox:")]
    [InlineData("busybox::tag")]
    [InlineData("-leading")]
    [InlineData("busybox@sha256:123")]
    public void Invalid_references_are_refused_with_dockers_words(string text)
    {
        var e = Assert.Throws<BerthException>(() => ImageRef.Parse(text));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.StartsWith("invalid reference format", e.Message);
    }

    [Fact]
    public void Uppercase_repository_says_it_must_be_lowercase()
    {
        var e = Assert.Throws<BerthException>(() => ImageRef.Parse("Busybox"));
        Assert.Equal("invalid reference format: repository name (library/Busybox) must be lowercase", e.Message);
    }
}
