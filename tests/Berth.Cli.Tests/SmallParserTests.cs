using Berth.Cli.Commands;
using Berth.Cli.Options;
using Berth.Cli.References;

namespace Berth.Cli.Tests;

/// <summary>Image references, MAC addresses and -o files, checked as docker checks them.</summary>
public sealed class SmallParserTests
{
    [Theory]
    [InlineData("busybox", "docker.io", "library/busybox", null, "busybox")]
    [InlineData("busybox:1.36", "docker.io", "library/busybox", "1.36", "busybox:1.36")]
    [InlineData("user/app", "docker.io", "user/app", null, "user/app")]
    [InlineData("index.docker.io/nginx", "docker.io", "library/nginx", null, "nginx")]
    [InlineData("myreg:5000/team/app:v2", "myreg:5000", "team/app", "v2", "myreg:5000/team/app:v2")]
    [InlineData("localhost/app", "localhost", "app", null, "localhost/app")]
    public void References_are_normalized_like_distribution_reference(string text, string domain, string path, string? tag, string familiar)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal((domain, path, tag), (reference.Domain, reference.Path, reference.Tag));
        Assert.Equal(familiar, reference.FamiliarString);
    }

    [Fact]
    public void A_digest_is_kept_and_no_default_tag_is_added()
    {
        var digest = "sha256:" + new string('a', 64);

        var reference = ImageReference.Parse("busybox@" + digest).WithDefaultTag();

        Assert.Null(reference.Tag);
        Assert.Equal(digest, reference.Digest);
        Assert.Equal("busybox:latest", ImageReference.Parse("busybox").WithDefaultTag().FamiliarString);
    }

    [Theory]
    [InlineData("Busybox", "invalid reference format: repository name (Busybox) must be lowercase")]
    [InlineData("bad image", "invalid reference format")]
    [InlineData("", "invalid reference format")]
    public void Bad_references_get_dockers_messages(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => ImageReference.Parse(text)).Message);
    }

    [Theory]
    [InlineData("92:d0:c6:0a:29:33", true)]
    [InlineData("92-D0-C6-0A-29-33", true)]
    [InlineData("02:00:5e:10:00:00:00:01", true)]
    [InlineData("0000.5e00.5301", true)]
    [InlineData("00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01", true)]
    [InlineData("92:d0:c6:0a:29", false)]
    [InlineData("92:d0-c6:0a:29:33", false)]
    [InlineData("92:d0:c6:0a:29:3g", false)]
    [InlineData("0000.5e00.53011", false)]
    public void Mac_addresses_are_accepted_as_go_net_parse_mac_accepts_them(string text, bool valid)
    {
        Assert.Equal(valid, MacAddress.IsValid(text));
    }

    [Fact]
    public async Task An_output_file_appears_only_when_committed_and_only_its_owner_may_read_it()
    {
        var directory = Directory.CreateTempSubdirectory("berth-out-").FullName;
        var target = Path.Combine(directory, "image.tar");
        var abandoned = Path.Combine(directory, "abandoned.tar");
        try
        {
            await Write(target, commit: true);
            await Write(abandoned, commit: false);

            Assert.Equal("tar", File.ReadAllText(target));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
            Assert.Equal([target], Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        static async Task Write(string path, bool commit)
        {
            await using var file = OutputFile.Create(path);
            await file.Stream.WriteAsync("tar"u8.ToArray());
            if (commit)
            {
                await file.CommitAsync(CancellationToken.None);
            }
        }
    }

    [Fact]
    public void Output_paths_are_refused_with_atomicwriters_messages()
    {
        var missing = Path.Combine(Path.GetTempPath(), "berth-missing-" + Guid.NewGuid().ToString("N"), "x.tar");

        Assert.Equal(
            $"invalid output path: stat {Path.GetDirectoryName(missing)}: no such file or directory",
            Assert.Throws<InvalidOperationException>(() => OutputFile.Create(missing)).Message);
        Assert.Equal("cannot write to a directory", Assert.Throws<InvalidOperationException>(() => OutputFile.Create(Path.GetTempPath())).Message);
    }

    [Fact]
    public void An_env_file_that_is_a_directory_fails_on_read_as_in_go()
    {
        var directory = Path.GetTempPath().TrimEnd('/');

        var error = Assert.Throws<FormatException>(() => KeyValueFile.Read(directory, null));

        Assert.Equal($"invalid env file ({directory}): read {directory}: is a directory", error.Message);
    }
}
