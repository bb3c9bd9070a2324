using Berth.Core.Errors;
using Berth.Engine.Containers;
using Berth.Images;

namespace Berth.Engine.Tests;

public sealed class ConfigMergeTests
{
    private static ImageConfig Image(Action<ContainerConfig> configure)
    {
        var config = new ContainerConfig();
        configure(config);
        return new ImageConfig { Config = config };
    }

    [Fact]
    public void User_env_comes_first_and_image_env_fills_the_rest()
    {
        var merged = ConfigMerge.Merge(
            new ContainerSettings { Env = ["A=user", "C=c"] },
            Image(c => c.Env = ["A=image", "PATH=/bin", "B=b"]));
        Assert.Equal(["A=user", "C=c", "PATH=/bin", "B=b"], merged.Env);
    }

    [Fact]
    public void Image_cmd_is_used_only_without_a_user_entrypoint()
    {
        var image = Image(c =>
        {
            c.Cmd = ["sh"];
            c.Entrypoint = ["/entry"];
        });
        var none = ConfigMerge.Merge(new ContainerSettings(), image);
        Assert.Equal(["/entry"], none.Entrypoint);
        Assert.Equal(["sh"], none.Cmd);

        var withCmd = ConfigMerge.Merge(new ContainerSettings { Cmd = ["echo", "hi"] }, image);
        Assert.Equal(["/entry"], withCmd.Entrypoint);
        Assert.Equal(["echo", "hi"], withCmd.Cmd);

        var withEntrypoint = ConfigMerge.Merge(new ContainerSettings { Entrypoint = ["/other"] }, image);
        Assert.Equal(["/other"], withEntrypoint.Entrypoint);
        Assert.Null(withEntrypoint.Cmd);

        var clearedEntrypoint = ConfigMerge.Merge(new ContainerSettings { Entrypoint = [] }, image);
        Assert.Empty(clearedEntrypoint.Entrypoint!);
        Assert.Equal(["sh"], clearedEntrypoint.Cmd);
    }

    [Fact]
    public void Workdir_user_labels_ports_and_stop_signal_fall_back_to_the_image()
    {
        var merged = ConfigMerge.Merge(
            new ContainerSettings { Labels = new Dictionary<string, string> { ["a"] = "user" }, ExposedPorts = ["80/tcp"] },
            Image(c =>
            {
                c.WorkingDir = "/app";
                c.User = "nobody";
                c.Labels = new Dictionary<string, string> { ["a"] = "image", ["b"] = "image" };
                c.ExposedPorts = new Dictionary<string, EmptyObject> { ["443/tcp"] = new() };
                c.StopSignal = "SIGQUIT";
            }));
        Assert.Equal("/app", merged.WorkingDir);
        Assert.Equal("nobody", merged.User);
        Assert.Equal("user", merged.Labels["a"]);
        Assert.Equal("image", merged.Labels["b"]);
        Assert.Equal(["80/tcp", "443/tcp"], merged.ExposedPorts);
        Assert.Equal("SIGQUIT", merged.StopSignal);
    }

    [Fact]
    public void Path_and_args_come_from_entrypoint_then_cmd()
    {
        var (path, args) = ConfigMerge.Command(new ContainerSettings { Entrypoint = ["/entry", "a"], Cmd = ["b"] });
        Assert.Equal("/entry", path);
        Assert.Equal(["a", "b"], args);
        (path, args) = ConfigMerge.Command(new ContainerSettings { Cmd = ["echo", "hi"] });
        Assert.Equal("echo", path);
        Assert.Equal(["hi"], args);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<BerthException>(() => ConfigMerge.Command(new ContainerSettings())).Kind);
    }
}
