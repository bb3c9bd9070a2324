using System.CommandLine;
using Berth.Cli.Cli;

namespace Berth.Cli.Tests;

/// <summary>Command lines read as pflag reads them: bundles, attached values, "--", and pflag's error texts.</summary>
public sealed class FlagScannerTests
{
    [Fact]
    public void Short_flags_bundle_and_take_attached_values()
    {
        var scan = FlagScanner.Scan(CommandTree.Build(), ["run", "-dit", "-p8080:80", "-eA=B", "-e=C=D", "busybox"]);

        Assert.Null(scan.FlagErrorText);
        Assert.Equal(["run", "--detach=true", "--interactive=true", "--tty=true", "--publish=8080:80", "--env=A=B", "--env=C=D", "--", "busybox"], scan.Tokens);
    }

    [Fact]
    public void Run_stops_reading_its_flags_at_the_image()
    {
        var scan = FlagScanner.Scan(CommandTree.Build(), ["run", "--rm", "busybox", "ls", "-l", "--help", "-d"]);

        Assert.Equal(["busybox", "ls", "-l", "--help", "-d"], scan.Operands);
        Assert.Null(scan.Help);
    }

    [Fact]
    public void Other_commands_take_flags_between_their_arguments()
    {
        var scan = FlagScanner.Scan(CommandTree.Build(), ["rm", "a", "-f", "b", "--", "-c"]);

        Assert.Equal(["a", "b", "-c"], scan.Operands);
        Assert.Contains("--force=true", scan.Tokens);
    }

    [Fact]
    public void Global_flags_come_before_the_command()
    {
        var root = CommandTree.Build();
        var scan = FlagScanner.Scan(root, ["-H", "unix:///x.sock", "--debug", "container", "ls", "-a"]);
        var parse = CliRunner.Parse(root, scan);

        Assert.Equal("ls", scan.Command.Name);
        Assert.Equal(["unix:///x.sock"], root.Globals(parse).Hosts);
        Assert.True(root.Globals(parse).Debug);
    }

    [Fact]
    public void Values_that_look_like_flags_or_are_empty_survive_binding()
    {
        var root = CommandTree.Build();
        var scan = FlagScanner.Scan(root, ["run", "--name", "--", "--entrypoint=", "-w", "-x", "busybox"]);
        var parse = CliRunner.Parse(root, scan);
        var run = (DockerCommand)scan.Command;

        Assert.Empty(parse.Errors);
        Assert.Equal("--", parse.GetValue(run.Options.OfType<Option<string>>().Single(o => o.Name == "--name")));
        Assert.Equal("-x", parse.GetValue(run.Options.OfType<Option<string>>().Single(o => o.Name == "--workdir")));
        Assert.Equal(["busybox"], scan.Operands);
    }

    [Theory]
    [InlineData("unknown flag: --foo", "rm", "--foo", "x")]
    [InlineData("unknown shorthand flag: 'Z' in -Z", "ps", "-Z")]
    [InlineData("unknown shorthand flag: 'Z' in -Z", "ps", "-aZ")]
    [InlineData("flag needs an argument: 'n' in -n", "ps", "-n")]
    [InlineData("flag needs an argument: --filter", "ps", "--filter")]
    [InlineData("invalid argument \"abc\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax", "ps", "-n", "abc")]
    [InlineData("invalid argument \"maybe\" for \"-f, --force\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax", "rm", "--force=maybe", "x")]
    [InlineData("invalid argument \"1x\" for \"-m, --memory\" flag: invalid suffix: 'x'", "run", "-m", "1x", "busybox")]
    [InlineData("invalid argument \"x\" for \"--cpus\" flag: failed to parse x as a rational number", "run", "--cpus", "x", "busybox")]
    [InlineData("invalid argument \"=v\" for \"-e, --env\" flag: invalid environment variable: =v", "run", "-e", "=v", "busybox")]
    [InlineData("bad flag syntax: ---x", "ps", "---x")]
    public void Bad_flags_get_pflags_messages(string expected, params string[] args)
    {
        var scan = FlagScanner.Scan(CommandTree.Build(), args);

        Assert.Equal(expected, scan.FlagErrorText);
    }

    [Fact]
    public void Help_is_asked_with_help_or_h_unless_h_is_a_flag()
    {
        var root = CommandTree.Build();

        Assert.NotNull(FlagScanner.Scan(root, ["ps", "--help"]).Help);
        Assert.True(FlagScanner.Scan(root, ["ps", "-h"]).Help!.DeprecatedShorthand);
        Assert.Null(FlagScanner.Scan(root, ["run", "-h", "myhost", "busybox"]).Help);
        Assert.NotNull(FlagScanner.Scan(root, ["run", "--help"]).Help);
        Assert.True(FlagScanner.Scan(root, ["container"]).Help!.ToStderr);
    }

    [Fact]
    public void Unknown_commands_are_named()
    {
        var root = CommandTree.Build();

        Assert.Equal("foo", FlagScanner.Scan(root, ["foo"]).UnknownCommandWord);
        Assert.Equal("foo", FlagScanner.Scan(root, ["container", "foo"]).UnknownCommandWord);
    }

    [Fact]
    public void Aliases_find_their_command()
    {
        var root = CommandTree.Build();

        Assert.Equal("ls", FlagScanner.Scan(root, ["container", "ps"]).Command.Name);
        Assert.Equal("rm", FlagScanner.Scan(root, ["image", "rmi", "x"]).Command.Name);
        Assert.Equal("rm", FlagScanner.Scan(root, ["volume", "remove", "x"]).Command.Name);
    }
}
