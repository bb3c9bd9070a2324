using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests;

/// <summary>What the user sees for a wrong command line: docker's texts with berth's name, docker's exit codes.</summary>
public sealed class UsageErrorTests
{
    [Fact]
    public async Task Missing_arguments_exit_1_with_the_usage()
    {
        var result = await CliHarness.RunAsync("rm");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("berth: 'berth rm' requires at least 1 argument\n\nUsage:  berth rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'berth rm --help' for more information\n", result.Stderr);
    }

    [Fact]
    public async Task Bad_flags_exit_125_with_the_usage()
    {
        var result = await CliHarness.RunAsync("container", "rm", "--foo", "x");

        Assert.Equal(125, result.ExitCode);
        Assert.Equal("unknown flag: --foo\n\nUsage:  berth container rm [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'berth container rm --help' for more information\n", result.Stderr);
    }

    [Theory]
    [InlineData("berth: 'berth ps' accepts no arguments\n\nUsage:  berth ps [OPTIONS]\n\nRun 'berth ps --help' for more information\n", "ps", "x")]
    [InlineData("berth: 'berth rename' requires 2 arguments\n\nUsage:  berth rename CONTAINER NEW_NAME\n\nRun 'berth rename --help' for more information\n", "rename", "x")]
    [InlineData("berth: 'berth port' requires at least 1 and at most 2 arguments\n\nUsage:  berth port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nRun 'berth port --help' for more information\n", "port")]
    [InlineData("berth: unknown command: berth foo\n\nRun 'berth --help' for more information\n", "foo")]
    [InlineData("berth: unknown command: berth container foo\n\nUsage:  berth container\n\nRun 'berth container --help' for more information\n", "container", "foo")]
    public async Task Argument_errors_read_as_dockers(string expected, params string[] args)
    {
        var result = await CliHarness.RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(expected, result.Stderr);
    }

    [Fact]
    public async Task A_bad_run_option_is_a_125_with_help_hint()
    {
        var result = await CliHarness.RunAsync("run", "--restart", "always", "--rm", "busybox");

        Assert.Equal(125, result.ExitCode);
        Assert.Equal("berth: conflicting options: cannot specify both --restart and --rm\n\nRun 'berth run --help' for more information\n", result.Stderr);
    }

    [Fact]
    public async Task Run_reports_an_unreachable_daemon_with_status_125()
    {
        var result = await CliHarness.RunAsync("run", "--rm", "busybox");

        Assert.Equal(125, result.ExitCode);
        Assert.Equal("berth: Cannot connect to the Docker daemon at unix:///nonexistent/berth-test.sock. Is the docker daemon running?\n\nRun 'berth run --help' for more information\n", result.Stderr);
    }

    [Fact]
    public async Task Help_goes_to_stdout_and_the_bare_program_prints_usage_on_stderr()
    {
        var help = await CliHarness.RunAsync("ps", "--help");
        var bare = await CliHarness.RunAsync();

        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("Usage:  berth ps [OPTIONS]\n", help.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, bare.ExitCode);
        Assert.StartsWith("Usage:  berth [OPTIONS] COMMAND\n", bare.Stderr, StringComparison.Ordinal);
    }
}
