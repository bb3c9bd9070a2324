using Berth.Core.Errors;
using Berth.Core.Mounts;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

/// <summary>Real containers under crun and runc (root only): output, exit codes, signals, limits, exec, terminals.</summary>
[Collection(RootRuntimeCollection.Name)]
public sealed class CliRuntimeTests(RuntimeFixture fixture)
{
    public static readonly TheoryData<string> Runtimes = ["crun", "runc"];

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Echo_writes_to_stdout_and_exits_zero(string name)
    {
        var (runtime, spec) = Prepare(name, "echo", "hello");
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            Assert.True(process.Pid > 0);
            Assert.Equal("hello\n", await Streams.ReadAllAsync(process.Stdout));
            Assert.Equal(ExitStatus.FromExitCode(0), await process.Exited.WaitAsync(Streams.Timeout));
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task The_exit_code_and_stderr_come_back(string name)
    {
        var (runtime, spec) = Prepare(name, "sh", "-c", "echo oops >&2; exit 7");
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal("oops\n", await Streams.ReadAllAsync(process.Stderr));
            Assert.Equal(ExitStatus.FromExitCode(7), await process.Exited.WaitAsync(Streams.Timeout));
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Fast_exits_are_never_lost(string name)
    {
        for (var i = 0; i < 10; i++)
        {
            var (runtime, spec) = Prepare(name, "true");
            await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
            Assert.Equal(ExitStatus.FromExitCode(0), await process.Exited.WaitAsync(Streams.Timeout));
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }

        // the runtime's helpers, orphaned to us, are reaped too
        Assert.True(await Eventually(() => !ZombieChildren().Any()), "zombies: " + string.Join(", ", ZombieChildren()));
    }

    private static IEnumerable<string> ZombieChildren() =>
        Directory.EnumerateDirectories("/proc/self/task")
            .SelectMany(t => File.ReadAllText(Path.Combine(t, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(pid => File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z'));

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Sigkill_is_137(string name)
    {
        var (runtime, spec) = Prepare(name, "sleep", "100");
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            await runtime.KillAsync(spec.Id, 9, all: false, TestContext.Current.CancellationToken);
            var status = await process.Exited.WaitAsync(Streams.Timeout);
            Assert.Equal((137, 9, false), (status.ExitCode, status.Signal, status.OomKilled));
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Exceeding_the_memory_limit_is_an_oom_kill(string name)
    {
        var (runtime, spec) = Prepare(name, "sh", "-c", "head -c 100000000 /dev/zero | tail");
        spec = spec with { Resources = new ResourceLimits { MemoryBytes = 16 << 20 } };
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            var status = await process.Exited.WaitAsync(Streams.Timeout);
            Assert.True(status.OomKilled, $"exit {status.ExitCode}");
            Assert.Equal(137, status.ExitCode);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task The_pids_limit_stops_forks(string name)
    {
        var (runtime, spec) = Prepare(name, "sh", "-c", "for i in 1 2 3 4 5 6 7 8; do sleep 1 & done; wait");
        spec = spec with { Resources = new ResourceLimits { PidsLimit = 4 } };
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            Assert.Contains("fork", await Streams.ReadAllAsync(process.Stderr), StringComparison.Ordinal);
            await process.Exited.WaitAsync(Streams.Timeout);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Docker_s_confinement_is_in_place(string name)
    {
        var (runtime, spec) = Prepare(name, "sh", "-c", "grep -E '^(CapEff|Seccomp|NoNewPrivs):' /proc/self/status; cat /proc/sys/net/ipv4/ip_unprivileged_port_start; hostname");
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            var lines = (await Streams.ReadAllAsync(process.Stdout)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace("\t", "", StringComparison.Ordinal)).ToList();

            // a80425fb: Docker's 14 default capabilities
            Assert.Equal(["CapEff:00000000a80425fb", "NoNewPrivs:0", "Seccomp:2", "0", spec.Hostname], lines);
            Assert.Equal(0, (await process.Exited.WaitAsync(Streams.Timeout)).ExitCode);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Seccomp_holds_in_every_container_and_exec_whether_compiled_or_reused(string name)
    {
        for (var i = 0; i < 2; i++)
        {
            var (runtime, spec) = Prepare(name, "sh", "-c", "unshare -U true 2>/dev/null; echo $?; exec sleep 100");
            await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
            try
            {
                // an unprivileged user namespace needs no capability: only seccomp refuses it
                Assert.Equal("1\n", await Streams.ReadUntilAsync(process.Stdout!, "\n"));
                await using var exec = await runtime.ExecAsync(spec.Id, spec.Process with { Args = ["unshare", "-U", "true"] }, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
                Assert.Equal(1, (await exec.Exited.WaitAsync(Streams.Timeout)).ExitCode);
                var reused = File.ReadAllText(Path.Combine(spec.BundleDir, "config.json")).Contains("run.oci.seccomp_bpf_data", StringComparison.Ordinal);
                // crun compiles the profile once (earlier tests may have done it), then is handed the filter
                Assert.True(name == "crun" ? reused || i == 0 : !reused);
                await runtime.KillAsync(spec.Id, 9, all: false, TestContext.Current.CancellationToken);
                await process.Exited.WaitAsync(Streams.Timeout);
            }
            finally
            {
                await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
            }
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Stdin_reaches_the_process_and_closing_it_ends_the_input(string name)
    {
        var (runtime, spec) = Prepare(name, "cat");
        await using var process = await runtime.RunAsync(spec, new StdioSpec { OpenStdin = true }, TestContext.Current.CancellationToken);
        try
        {
            await process.Stdin!.WriteAsync("from stdin"u8.ToArray(), TestContext.Current.CancellationToken);
            await process.Stdin.DisposeAsync();
            Assert.Equal("from stdin", await Streams.ReadAllAsync(process.Stdout));
            Assert.Equal(0, (await process.Exited.WaitAsync(Streams.Timeout)).ExitCode);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task A_user_and_a_read_only_root_apply(string name)
    {
        var (runtime, spec) = Prepare(name, "sh", "-c", "id -u; id -G; touch /x 2>/dev/null || echo read-only");
        var user = UserLookup.Resolve(spec.RootfsPath, "app");
        spec = spec with { ReadonlyRootfs = true, Process = spec.Process with { Uid = user.Uid, Gid = user.Gid, AdditionalGids = user.AdditionalGids } };
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal("1000\n1000\nread-only\n", await Streams.ReadAllAsync(process.Stdout));
            await process.Exited.WaitAsync(Streams.Timeout);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task A_missing_command_fails_to_start_in_docker_s_words(string name)
    {
        var (runtime, spec) = Prepare(name, "nosuchcmd");
        var error = await Assert.ThrowsAsync<BerthException>(() => runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken));
        Assert.Contains("exec: \"nosuchcmd\": executable file not found in $PATH", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("failed to create task for container: ", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(runtime.StateRoot, spec.Id)));

        (runtime, spec) = Prepare(name, "/noexec");
        error = await Assert.ThrowsAsync<BerthException>(() => runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken));
        Assert.Contains("exec: \"/noexec\": permission denied", error.Message, StringComparison.Ordinal);

        (runtime, spec) = Prepare(name, "/bin/nosuch");
        error = await Assert.ThrowsAsync<BerthException>(() => runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken));
        Assert.Contains("no such file or directory", error.Message, StringComparison.Ordinal);
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Exec_runs_beside_the_init_with_its_own_exit_code(string name)
    {
        var (runtime, spec) = Prepare(name, "sleep", "100");
        var hostname = Path.Combine(spec.BundleDir, "hostname");
        File.WriteAllText(hostname, "from-the-bundle\n");
        spec = spec with { Mounts = [MountSpec.Bind(hostname, "/etc/hostname", readOnly: true)] };
        await using var init = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            await using (var cat = await runtime.ExecAsync(spec.Id, spec.Process with { Args = ["cat", "/etc/hostname"] }, StdioSpec.NoStdin, TestContext.Current.CancellationToken))
            {
                Assert.Equal("from-the-bundle\n", await Streams.ReadAllAsync(cat.Stdout));
                Assert.Equal(ExitStatus.FromExitCode(0), await cat.Exited.WaitAsync(Streams.Timeout));
            }

            await using (var sleeper = await runtime.ExecAsync(spec.Id, spec.Process with { Args = ["sleep", "100"] }, StdioSpec.NoStdin, TestContext.Current.CancellationToken))
            {
                // the runtime may exit before its child has called execve: the PID is the exec's, its name follows
                Assert.True(await Eventually(() => File.ReadAllText($"/proc/{sleeper.Pid}/comm") == "sleep\n"));
                Assert.True(Linux.ProcessSignals.Kill(sleeper.Pid, 9));
                Assert.Equal(ExitStatus.FromSignal(9), await sleeper.Exited.WaitAsync(Streams.Timeout));
            }

            await using (var cat = await runtime.ExecAsync(spec.Id, spec.Process with { Args = ["cat"] }, new StdioSpec { OpenStdin = true }, TestContext.Current.CancellationToken))
            {
                await cat.Stdin!.WriteAsync("piped"u8.ToArray(), TestContext.Current.CancellationToken);
                await cat.Stdin.DisposeAsync();
                Assert.Equal("piped", await Streams.ReadAllAsync(cat.Stdout));
                Assert.Equal(0, (await cat.Exited.WaitAsync(Streams.Timeout)).ExitCode);
            }

            await using (var exit = await runtime.ExecAsync(spec.Id, spec.Process with { Args = ["sh", "-c", "grep CapEff /proc/self/status; exit 3"] }, StdioSpec.NoStdin, TestContext.Current.CancellationToken))
            {
                Assert.Equal("CapEff:\t00000000a80425fb\n", await Streams.ReadAllAsync(exit.Stdout));
                Assert.Equal(3, (await exit.Exited.WaitAsync(Streams.Timeout)).ExitCode);
            }

            var missing = await Assert.ThrowsAsync<BerthException>(() => runtime.ExecAsync(spec.Id, spec.Process with { Args = ["nosuchcmd"] }, StdioSpec.NoStdin, TestContext.Current.CancellationToken));
            Assert.Equal("OCI runtime exec failed: exec failed: unable to start container process: exec: \"nosuchcmd\": executable file not found in $PATH: unknown", missing.Message);

            await runtime.KillAsync(spec.Id, 9, all: true, TestContext.Current.CancellationToken);
            Assert.Equal(137, (await init.Exited.WaitAsync(Streams.Timeout)).ExitCode);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task A_terminal_run_shows_a_prompt_and_can_be_resized(string name)
    {
        var (runtime, spec) = Prepare(name, "sh");
        spec = spec with { Process = spec.Process with { Terminal = true, ConsoleRows = 24, ConsoleColumns = 80 } };
        await using var process = await runtime.RunAsync(spec, new StdioSpec { Terminal = true, OpenStdin = true }, TestContext.Current.CancellationToken);
        try
        {
            Assert.Null(process.Stdout);
            var terminal = process.Terminal!;
            await Streams.ReadUntilAsync(terminal.Stream, "# ");
            await terminal.Stream.WriteAsync("stty size\n"u8.ToArray(), TestContext.Current.CancellationToken);
            Assert.Contains("24 80", await Streams.ReadUntilAsync(terminal.Stream, "24 80"), StringComparison.Ordinal);

            terminal.Resize(30, 100);
            await terminal.Stream.WriteAsync("stty size; exit 5\n"u8.ToArray(), TestContext.Current.CancellationToken);
            await Streams.ReadUntilAsync(terminal.Stream, "30 100");
            Assert.Equal(5, (await process.Exited.WaitAsync(Streams.Timeout)).ExitCode);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task A_terminal_exec_gets_its_own_pty(string name)
    {
        var (runtime, spec) = Prepare(name, "sleep", "100");
        await using var init = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            var process = spec.Process with { Args = ["sh", "-c", "tty; stty size"], ConsoleRows = 33, ConsoleColumns = 99 };
            await using var exec = await runtime.ExecAsync(spec.Id, process, new StdioSpec { Terminal = true }, TestContext.Current.CancellationToken);
            var output = await Streams.ReadUntilAsync(exec.Terminal!.Stream, "33 99");
            Assert.Contains("/dev/pts/", output, StringComparison.Ordinal);
            Assert.Equal(0, (await exec.Exited.WaitAsync(Streams.Timeout)).ExitCode);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task A_terminal_exec_that_cannot_start_reports_why(string name)
    {
        var (runtime, spec) = Prepare(name, "sleep", "100");
        await using var init = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            var error = await Assert.ThrowsAsync<BerthException>(() => runtime.ExecAsync(spec.Id, spec.Process with { Args = ["/noexec"] }, new StdioSpec { Terminal = true }, TestContext.Current.CancellationToken));
            Assert.Equal("OCI runtime exec failed: exec failed: unable to start container process: exec: \"/noexec\": permission denied: unknown", error.Message);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Privileged_has_every_capability_and_the_host_devices(string name)
    {
        var (runtime, spec) = Prepare(name, "sh", "-c", "grep -E '^(CapEff|Seccomp):' /proc/self/status; test -c /dev/null && test -e /dev/ptmx && echo devices");
        spec = spec with { Privileged = true };
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        try
        {
            var mask = Security.Capabilities.Supported.Aggregate(0UL, (m, c) => m | (1UL << Security.Capabilities.Known.ToList().IndexOf(c)));
            var expected = mask.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($"CapEff:\t{expected}\nSeccomp:\t0\ndevices\n", await Streams.ReadAllAsync(process.Stdout));
            Assert.Equal(0, (await process.Exited.WaitAsync(Streams.Timeout)).ExitCode);
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Pause_freezes_and_resume_thaws(string name)
    {
        var (runtime, spec) = Prepare(name, "sleep", "100");
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        var freezer = $"/sys/fs/cgroup/freezer/{fixture.CgroupParent}/{spec.Id}/freezer.state";
        try
        {
            await runtime.PauseAsync(spec.Id, TestContext.Current.CancellationToken);
            if (File.Exists(freezer))
            {
                Assert.Equal("FROZEN", File.ReadAllText(freezer).Trim());
            }

            await runtime.ResumeAsync(spec.Id, TestContext.Current.CancellationToken);
            if (File.Exists(freezer))
            {
                Assert.Equal("THAWED", File.ReadAllText(freezer).Trim());
            }

            // SIGKILL: as PID 1 of its namespace, sleep ignores SIGTERM
            await runtime.KillAsync(spec.Id, 9, all: false, TestContext.Current.CancellationToken);
            Assert.Equal(ExitStatus.FromSignal(9), await process.Exited.WaitAsync(Streams.Timeout));
        }
        finally
        {
            await runtime.DeleteAsync(spec.Id, force: true, CancellationToken.None);
        }
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Delete_is_idempotent_and_removes_the_cgroup(string name)
    {
        var (runtime, spec) = Prepare(name, "true");
        await using var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken);
        await process.Exited.WaitAsync(Streams.Timeout);
        await runtime.DeleteAsync(spec.Id, force: false, TestContext.Current.CancellationToken);
        await runtime.DeleteAsync(spec.Id, force: false, TestContext.Current.CancellationToken);
        await runtime.DeleteAsync("never-existed", force: true, TestContext.Current.CancellationToken);
        Assert.False(Directory.Exists(Path.Combine(runtime.StateRoot, spec.Id)));
        Assert.False(Directory.Exists($"/sys/fs/cgroup/memory/{fixture.CgroupParent}/{spec.Id}"));
    }

    [RequiresRootTheory]
    [MemberData(nameof(Runtimes))]
    public async Task Commands_on_a_missing_container_fail_with_the_runtime_s_message(string name)
    {
        var runtime = fixture.Runtime(name);
        var error = await Assert.ThrowsAsync<BerthException>(() => runtime.KillAsync("never-existed", 15, all: false, TestContext.Current.CancellationToken));
        Assert.StartsWith($"{name} kill: ", error.Message, StringComparison.Ordinal);
    }

    private (CliRuntime Runtime, ContainerSpec Spec) Prepare(string name, params string[] args)
    {
        Root.Require();
        return (fixture.Runtime(name), fixture.Container(args));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RootRuntimeCollection
{
    public const string Name = "root runtime";
}
