using System.Text;
using Berth.Core.Errors;
using Berth.Core.Ids;

namespace Berth.Images.Tests;

public sealed class ImageConfigJsonTests
{
    private static readonly Digest Layer = Digest.Compute("layer"u8);

    [Fact]
    public void Writes_the_OCI_names_leaves_out_what_is_absent_and_writes_times_as_Go_does()
    {
        var created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.Zero);
        var config = new ImageConfig
        {
            Created = created,
            Architecture = "amd64",
            Os = "linux",
            Config = new ContainerConfig
            {
                ExposedPorts = new() { ["80/tcp"] = EmptyObject.Instance },
                Env = ["A=b"],
                Cmd = ["sh"],
                Labels = new() { ["x"] = "c++ <y> é" },
            },
            RootFs = new RootFs { DiffIds = [Layer] },
            History = [new HistoryEntry { Created = created, Comment = "Imported from -" }],
            Comment = "Imported from -",
        };

        var json = Encoding.UTF8.GetString(ImageConfigJson.Serialize(config));

        Assert.Equal(
            "{\"created\":\"2024-01-02T03:04:05.5Z\",\"architecture\":\"amd64\",\"os\":\"linux\"," +
            "\"config\":{\"ExposedPorts\":{\"80/tcp\":{}},\"Env\":[\"A=b\"],\"Cmd\":[\"sh\"],\"Labels\":{\"x\":\"c++ <y> é\"}}," +
            $"\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{Layer}\"]}}," +
            "\"history\":[{\"created\":\"2024-01-02T03:04:05.5Z\",\"comment\":\"Imported from -\"}],\"comment\":\"Imported from -\"}",
            json);
    }

    [Fact]
    public void Reads_a_config_written_by_Docker_with_its_legacy_fields()
    {
        var json = $$$"""
            {"architecture":"amd64","config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"Tty":false,
             "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"],"Image":"sha256:{{{Layer.Hex}}}",
             "Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null,"ExposedPorts":{"53/udp":{}},
             "Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Retries":3}},
             "container":"f7e6","container_config":{"Hostname":"f7e6","Cmd":"/bin/sh -c #(nop) CMD [\"sh\"]"},
             "created":"2023-05-19T20:19:22.751398716Z","docker_version":"20.10.23",
             "history":[{"created":"2023-05-19T20:19:22.642666638Z","created_by":"/bin/sh -c #(nop) ADD file:abc in / "},
                        {"created":"2023-05-19T20:19:22.751398716Z","created_by":"/bin/sh -c #(nop)  CMD [\"sh\"]","empty_layer":true}],
             "os":"linux","rootfs":{"type":"layers","diff_ids":["{{{Layer}}}"]}}
            """;

        var config = ImageConfigJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(("amd64", "linux", "20.10.23", "f7e6"), (config.Architecture, config.Os, config.DockerVersion, config.Container));
        Assert.Equal(new DateTimeOffset(2023, 5, 19, 20, 19, 22, TimeSpan.Zero).AddTicks(7513987), config.Created);
        Assert.Equal(["sh"], config.Config!.Cmd);
        Assert.Null(config.Config.Entrypoint);
        Assert.Equal("", config.Config.User);
        Assert.Equal(["53/udp"], config.Config.ExposedPorts!.Keys);
        Assert.Equal((30_000_000_000L, 3), (config.Config.Healthcheck!.Interval, config.Config.Healthcheck.Retries));
        Assert.Equal(["/bin/sh -c #(nop) CMD [\"sh\"]"], config.ContainerConfig!.Cmd);
        Assert.Equal([Layer], config.RootFs.DiffIds);
        Assert.Equal([false, true], config.History!.Select(h => h.EmptyLayer));
    }

    [Fact]
    public void Reads_names_in_any_case_as_Go_does()
    {
        var config = ImageConfigJson.Parse("""{"Architecture":"arm64","OS":"linux","Config":{"cmd":["x"]}}"""u8);

        Assert.Equal(("arm64", "linux"), (config.Architecture, config.Os));
        Assert.Equal(["x"], config.Config!.Cmd);
    }

    [Fact]
    public void Round_trips()
    {
        var config = ImageConfigJson.Parse("""{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/init"],"Volumes":{"/data":{}},"StopSignal":"SIGINT","ArgsEscaped":true,"Shell":["/bin/bash","-c"]},"rootfs":{"type":"layers","diff_ids":[]}}"""u8);

        var again = ImageConfigJson.Parse(ImageConfigJson.Serialize(config));

        Assert.Equal(ImageConfigJson.Serialize(config), ImageConfigJson.Serialize(again));
        Assert.Equal(["/init"], again.Config!.Entrypoint);
        Assert.Equal(("SIGINT", true), (again.Config.StopSignal, again.Config.ArgsEscaped));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("""{"rootfs":{"type":"layers","diff_ids":["md5:abc"]}}""")]
    [InlineData("""{"created":"yesterday"}""")]
    [InlineData("""{"config":{"Cmd":[1]}}""")]
    public void Bad_configs_are_invalid_arguments(string json)
    {
        var error = Assert.Throws<BerthException>(() => ImageConfigJson.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.StartsWith("invalid image config", error.Message, StringComparison.Ordinal);
    }
}
