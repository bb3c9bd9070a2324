using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Tests;

/// <summary>Help texts identical to docker 28.2.2's (captured in Help/), the program name aside.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("container_run", "container", "run")]
    [InlineData("ps", "ps")]
    [InlineData("images", "images")]
    [InlineData("container_rm", "container", "rm")]
    [InlineData("container_exec", "container", "exec")]
    [InlineData("container_logs", "container", "logs")]
    [InlineData("image_pull", "image", "pull")]
    [InlineData("network_create", "network", "create")]
    [InlineData("volume_ls", "volume", "ls")]
    [InlineData("system_df", "system", "df")]
    public void Help_matches_docker(string file, params string[] commandPath)
    {
        var path = new List<Command> { CommandTree.Build() };
        foreach (var name in commandPath)
        {
            path.Add(((ParentCommand)path[^1]).Find(name)!);
        }

        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Help", file + ".txt"));

        Assert.Equal(expected, HelpWriter.Render(path, "berth", 79));
    }

    [Fact]
    public void Flag_usage_wraps_like_pflag()
    {
        var wrapped = FlagUsages.Wrap(24, 79, "Format output using a custom template:\n'json':             Print in JSON format");

        Assert.Equal("Format output using a custom template:\n                        'json':             Print in JSON format", wrapped);
    }
}
