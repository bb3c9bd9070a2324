using Berth.Linux.Tests.Support;

namespace Berth.Linux.Tests;

public sealed class SpawnerTests
{
    public SpawnerTests() => Subreaper.Ensure();

    [Fact]
    public async Task Stdout_stderr_and_the_exit_code_come_back()
    {
        var (stdout, stderr, status) = await Busybox.ShellAsync("echo out; echo err >&2; exit 3");
        Assert.Equal("out\n", stdout);
        Assert.Equal("err\n", stderr);
        Assert.Equal(new WaitStatus(3, null), status);
        Assert.Equal(3, status.ShellCode);
    }

    [Fact]
    public async Task The_environment_is_exactly_the_given_one()
    {
        var (stdout, _, _) = await Busybox.ShellAsync("echo \"$A$B${HOME:-unset}\"", ["B=2", "A=1"]);
        Assert.Equal("12unset\n", stdout);
    }

    [Fact]
    public async Task Only_the_given_descriptors_are_open()
    {
        var (stdout, _, _) = await Busybox.ShellAsync("ls /proc/self/fd");

        // 3 is the directory ls itself has open while listing
        Assert.Equal(["0", "1", "2", "3"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Signal_mask_and_ignored_signals_are_reset()
    {
        var (stdout, _, _) = await Busybox.ShellAsync("exec cat /proc/self/status");
        var fields = stdout.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1].Trim());
        Assert.Equal("0000000000000000", fields["SigBlk"]);
        Assert.Equal("0000000000000000", fields["SigIgn"]);
    }

    [Fact]
    public async Task The_child_leads_its_own_session()
    {
        var (stdout, _, _) = await Busybox.ShellAsync("exec cat /proc/self/stat");

        // pid (comm) state ppid pgrp session ...
        var fields = stdout[(stdout.LastIndexOf(')') + 2)..].Split(' ');
        var pid = stdout[..stdout.IndexOf(' ', StringComparison.Ordinal)];
        Assert.Equal(pid, fields[3]);
    }

    [Fact]
    public async Task Inherited_descriptors_follow_stdio_in_order()
    {
        var (read, write) = Pipe.Create();
        await using var extra = new PollableStream(read, null);
        ChildProcess child;
        using (var stdin = Descriptors.OpenDevNull(write: false))
        using (var stdout = Descriptors.OpenDevNull(write: true))
        using (write)
        {
            child = Spawner.Spawn(Busybox.Path, ["sh", "-c", "echo third >&3"], Busybox.Environment, stdin, stdout, stdout, [write]);
        }

        using (child)
        {
            Assert.Equal("third\n", await Busybox.ReadAllAsync(extra));
            Assert.Equal(0, (await child.WaitForExitAsync()).ExitCode);
        }
    }

    [Fact]
    public async Task A_killed_child_reports_its_signal()
    {
        using var stdin = Descriptors.OpenDevNull(write: false);
        using var stdout = Descriptors.OpenDevNull(write: true);
        using var child = Spawner.Spawn(Busybox.Path, ["sleep", "60"], Busybox.Environment, stdin, stdout, stdout);
        Assert.True(PidFd.SendSignal(child.PidFd, 9));
        var status = await child.WaitForExitAsync();
        Assert.Equal(new WaitStatus(null, 9), status);
        Assert.Equal(137, status.ShellCode);
        Assert.False(PidFd.SendSignal(child.PidFd, 9));
    }

    [Fact]
    public void A_missing_program_throws_with_its_path()
    {
        using var devNull = Descriptors.OpenDevNull(write: true);
        var error = Assert.Throws<LinuxException>(() => Spawner.Spawn("/nonexistent/program", [], [], devNull, devNull, devNull));
        Assert.Equal(Errno.ENOENT, error.Errno);
        Assert.Contains("/nonexistent/program", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kill_of_a_missing_process_is_false() => Assert.False(ProcessSignals.Kill(int.MaxValue, 0));
}
