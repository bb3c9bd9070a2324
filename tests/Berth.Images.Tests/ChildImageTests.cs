using Berth.Core.Ids;

namespace Berth.Images.Tests;

/// <summary>The config of a committed image (moby's NewChildImage) and the commit config merge.</summary>
public sealed class ChildImageTests
{
    private static readonly Digest BaseLayer = Digest.Compute("base"u8);
    private static readonly DateTimeOffset Created = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private static ImageConfig Parent() => new()
    {
        Architecture = "amd64",
        Os = "linux",
        RootFs = new RootFs { DiffIds = [BaseLayer] },
        History = [new HistoryEntry { CreatedBy = "base", Comment = "Imported from -" }],
    };

    private static CommitDetails Details(ContainerConfig config) =>
        new(config, new ContainerConfig { Cmd = ["sh", "-c", "echo hi > /x"] }, "c0ffee", "me", "msg", "28.2.2-berth", Created);

    [Fact]
    public void A_new_layer_is_appended_with_a_history_step_made_of_the_container_command()
    {
        var layer = Digest.Compute("layer"u8);
        var child = ChildImage.Create(Parent(), layer, Details(new ContainerConfig { Cmd = ["sh"] }));

        Assert.Equal([BaseLayer, layer], child.RootFs.DiffIds);
        Assert.Equal(2, child.History!.Count);
        var step = child.History[^1];
        Assert.Equal(("sh -c echo hi > /x", "msg", "me", false, Created), (step.CreatedBy, step.Comment, step.Author, step.EmptyLayer, step.Created));
        Assert.Equal(("amd64", "linux", "c0ffee", "me", "28.2.2-berth"), (child.Architecture, child.Os, child.Container, child.Author, child.DockerVersion));
        Assert.Equal(["sh"], child.Config!.Cmd!);
        Assert.Equal(["sh", "-c", "echo hi > /x"], child.ContainerConfig!.Cmd!);
    }

    [Fact]
    public void No_changes_add_no_layer_and_an_empty_layer_step()
    {
        var child = ChildImage.Create(Parent(), null, Details(new ContainerConfig()));

        Assert.Equal([BaseLayer], child.RootFs.DiffIds);
        Assert.True(child.History![^1].EmptyLayer);
        Assert.Contains("\"empty_layer\":true", System.Text.Encoding.UTF8.GetString(ImageConfigJson.Serialize(child)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_merge_keeps_given_values_and_completes_them_from_the_container()
    {
        var given = new ContainerConfig { Env = ["FOO=given"], Labels = new() { ["a"] = "1" }, ExposedPorts = new() { ["80/tcp"] = EmptyObject.Instance } };
        var container = new ContainerConfig
        {
            Env = ["FOO=container", "PATH=/bin"],
            Cmd = ["sh"],
            Labels = new() { ["a"] = "2", ["b"] = "3" },
            ExposedPorts = new() { ["443/tcp"] = EmptyObject.Instance },
            WorkingDir = "/w",
            User = "nobody",
        };

        CommitConfigMerge.Merge(given, container);

        Assert.Equal(["FOO=given", "PATH=/bin"], given.Env!);
        Assert.Equal(["sh"], given.Cmd!);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" }, given.Labels);
        Assert.Equal(["443/tcp", "80/tcp"], given.ExposedPorts!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("/w", "nobody"), (given.WorkingDir, given.User));
    }

    [Fact]
    public void A_given_entrypoint_keeps_the_container_command_out()
    {
        var given = new ContainerConfig { Entrypoint = ["/bin/top"] };
        CommitConfigMerge.Merge(given, new ContainerConfig { Cmd = ["sh"], Entrypoint = ["/bin/env"] });
        Assert.Equal(["/bin/top"], given.Entrypoint!);
        Assert.Null(given.Cmd);
    }
}
