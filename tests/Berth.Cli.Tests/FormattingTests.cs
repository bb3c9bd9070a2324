using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Images;
using Berth.Cli.Formatting;
using Berth.Cli.References;

namespace Berth.Cli.Tests;

/// <summary>Tables, sizes, times and names printed character for character as docker prints them.</summary>
public sealed class FormattingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Ps_table_matches_the_docker_transcript()
    {
        var container = new ContainerSummary
        {
            Id = "3f2a9c1b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd",
            Names = ["/x"],
            Image = "img",
            ImageID = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Command = "sh",
            Created = Now.AddDays(-550).ToUnixTimeSeconds(),
            Ports = [new Port { IP = "0.0.0.0", PrivatePort = 80, PublicPort = 80, Type = "tcp" }],
            State = "running",
            Status = "Up 5 minutes",
        };

        var table = ListFormatter.Render(ContainerRows.Format("", quiet: false, size: false), [ContainerRows.Row(container, truncate: true, Now)], ContainerRows.Headers);

        Assert.Equal(
            "CONTAINER ID   IMAGE     COMMAND   CREATED         STATUS         PORTS                NAMES\n" +
            "3f2a9c1b7d4e   img       \"sh\"      18 months ago   Up 5 minutes   0.0.0.0:80->80/tcp   x\n",
            table);
    }

    [Fact]
    public void Images_table_matches_the_docker_transcript()
    {
        var image = new ImageSummary
        {
            Id = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            RepoTags = ["img:latest"],
            Created = Now.AddDays(-550).ToUnixTimeSeconds(),
            Size = 7_800_000,
        };

        var table = ListFormatter.Render(ImageRows.Format("table", false, false), ImageRows.Rows([image], "table", true, false, Now), ImageRows.Headers);
        var digests = ListFormatter.Render(ImageRows.Format("table", false, true), ImageRows.Rows([image], "table", true, true, Now), ImageRows.Headers);

        Assert.Equal("REPOSITORY   TAG       IMAGE ID       CREATED         SIZE\nimg          latest    aaaaaaaaaaaa   18 months ago   7.8MB\n", table);
        Assert.Equal("REPOSITORY   TAG       DIGEST    IMAGE ID       CREATED         SIZE\nimg          latest    <none>    aaaaaaaaaaaa   18 months ago   7.8MB\n", digests);
    }

    [Fact]
    public void An_empty_list_still_prints_the_header()
    {
        var table = ListFormatter.Render(ContainerRows.Format("", false, false), [], ContainerRows.Headers);

        Assert.Equal("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n", table);
    }

    [Fact]
    public void Tabwriter_pads_to_the_widest_cell_plus_three_and_at_least_ten()
    {
        var writer = TabWriter.ForTables();
        writer.Write("A\tBB\tC\nlonger-cell\tx\t\nshort\t\tend\n");

        Assert.Equal("A             BB        C\nlonger-cell   x         \nshort                   end\n", writer.Flush());
    }

    [Fact]
    public void Tabwriter_counts_wide_characters_twice()
    {
        var writer = TabWriter.ForTables();
        writer.Write("名前名前名前\tx\nab\ty\n");

        Assert.Equal("名前名前名前   x\nab             y\n", writer.Flush());
    }

    [Theory]
    [InlineData("sh", "\"sh\"")]
    [InlineData("/bin/sh -c 'while true; do sleep 1; done'", "\"/bin/sh -c 'while t…\"")]
    [InlineData("echo \"quoted\"", "\"echo \\\"quoted\\\"\"")]
    public void Commands_are_quoted_and_cut_at_twenty_columns(string command, string shown)
    {
        var row = ContainerRows.Row(new ContainerSummary { Command = command, Names = ["/x"] }, truncate: true, Now);

        Assert.Equal(shown, row.TryGetField("Command", [], out var value) ? value : null);
    }

    [Theory]
    [InlineData(0, "Less than a second ago")]
    [InlineData(1, "1 second ago")]
    [InlineData(5, "5 seconds ago")]
    [InlineData(60, "About a minute ago")]
    [InlineData(3 * 60, "3 minutes ago")]
    [InlineData(3600, "About an hour ago")]
    [InlineData(5 * 3600, "5 hours ago")]
    [InlineData(3 * 86400, "3 days ago")]
    [InlineData(20 * 86400, "2 weeks ago")]
    [InlineData(90 * 86400, "3 months ago")]
    [InlineData(800 * 86400, "2 years ago")]
    public void Created_reads_as_go_units_human_duration(int secondsAgo, string shown)
    {
        Assert.Equal(shown, DisplayText.Ago(Now.ToUnixTimeSeconds() - secondsAgo, Now));
    }

    [Theory]
    [InlineData(0, 3, "0B")]
    [InlineData(999, 3, "999B")]
    [InlineData(1000, 3, "1kB")]
    [InlineData(1125, 3, "1.12kB")]
    [InlineData(1135, 3, "1.14kB")]
    [InlineData(7_800_000, 3, "7.8MB")]
    [InlineData(999_500, 3, "1e+03kB")]
    [InlineData(1234, 4, "1.234kB")]
    [InlineData(1_234_567_890, 4, "1.235GB")]
    public void Sizes_round_as_go_formats_them(double bytes, int precision, string shown)
    {
        Assert.Equal(shown, DisplayText.HumanSize(bytes, precision));
    }

    [Fact]
    public void Binary_sizes_use_binary_units()
    {
        Assert.Equal("7.451GiB", DisplayText.BytesSize(8_000_000_000));
        Assert.Equal("0B", DisplayText.BytesSize(0));
    }

    [Fact]
    public void Ports_group_ranges_and_list_remapped_ports_last()
    {
        Port[] ports =
        [
            new() { IP = "0.0.0.0", PrivatePort = 81, PublicPort = 81, Type = "tcp" },
            new() { IP = "0.0.0.0", PrivatePort = 80, PublicPort = 80, Type = "tcp" },
            new() { IP = "::", PrivatePort = 80, PublicPort = 80, Type = "tcp" },
            new() { IP = "0.0.0.0", PrivatePort = 443, PublicPort = 8443, Type = "tcp" },
            new() { PrivatePort = 53, Type = "udp" },
        ];

        Assert.Equal("53/udp, 0.0.0.0:80-81->80-81/tcp, [::]:80->80/tcp, 0.0.0.0:8443->443/tcp", PortsText.Display(ports));
    }

    [Fact]
    public void Go_time_strings_carry_offset_and_zone()
    {
        Assert.Equal("2025-06-01 10:00:00 +0000 UTC", DisplayText.GoTime(DateTimeOffset.Parse("2025-06-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("2026-11-28T10:06:20.5659681Z", "2026-11-28 10:06:20.5659681 +0000 UTC")]
    [InlineData("2026-11-28T10:06:20.500000000Z", "2026-11-28 10:06:20.5 +0000 UTC")]
    [InlineData("2026-11-28T10:06:20.000Z", "2026-11-28 10:06:20 +0000 UTC")]
    [InlineData("2026-11-28T11:06:20.123456789+01:00", "2026-11-28 11:06:20.123456789 +0100 +0100")]
    [InlineData("not a time", "not a time")]
    public void Daemon_times_print_as_go_prints_a_decoded_time(string rfc3339, string expected)
    {
        Assert.Equal(expected, DisplayText.GoTime(rfc3339));
    }

    [Theory]
    [InlineData("busybox", "docker.io/library/busybox", "busybox", null)]
    [InlineData("busybox:1.36", "docker.io/library/busybox", "busybox", "1.36")]
    [InlineData("myreg:5000/ns/img:1", "myreg:5000/ns/img", "myreg:5000/ns/img", "1")]
    [InlineData("localhost/img", "localhost/img", "localhost/img", null)]
    [InlineData("user/app", "docker.io/user/app", "user/app", null)]
    public void Image_references_normalize_like_distribution(string text, string name, string familiar, string? tag)
    {
        var reference = ImageReference.Parse(text);

        Assert.Equal(name, reference.Name);
        Assert.Equal(familiar, reference.FamiliarName);
        Assert.Equal(tag, reference.Tag);
    }

    [Theory]
    [InlineData("UPPER", "invalid reference format: repository name (UPPER) must be lowercase")]
    [InlineData("a b", "invalid reference format")]
    [InlineData("", "invalid reference format")]
    public void Bad_references_are_refused(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<FormatException>(() => ImageReference.Parse(text)).Message);
    }

    [Fact]
    public void Inspect_json_is_indented_like_go_without_touching_values()
    {
        var raw = """{"Name":"v1","Labels":{},"Options":[],"Text":"a,b:\"c\"\u00e9","Nested":{"N":1.50}}"""u8;

        Assert.Equal(
            "[\n    {\n        \"Name\": \"v1\",\n        \"Labels\": {},\n        \"Options\": [],\n        \"Text\": \"a,b:\\\"c\\\"\\u00e9\",\n        \"Nested\": {\n            \"N\": 1.50\n        }\n    }\n]",
            JsonLayout.Indent([(byte)'[', .. raw, (byte)']'], "    "));
        Assert.Equal("[{\"a\":1}]", JsonLayout.Compact("[ { \"a\" : 1 } ]\n"u8));
    }
}
