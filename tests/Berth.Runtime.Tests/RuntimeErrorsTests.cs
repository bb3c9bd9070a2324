using Berth.Runtime.Cli;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

/// <summary>Start failures of crun and runc, worded as Docker words them so clients derive 126 and 127.</summary>
public sealed class RuntimeErrorsTests
{
    [Theory]
    [InlineData("executable file `nosuchcmd` not found in $PATH: No such file or directory", "nosuchcmd", "exec: \"nosuchcmd\": executable file not found in $PATH")]
    [InlineData("runc run failed: unable to start container process: exec: \"nosuchcmd\": executable file not found in $PATH", "nosuchcmd", "exec: \"nosuchcmd\": executable file not found in $PATH")]
    [InlineData("executable file `/bin/nosuch` not found in $PATH: No such file or directory", "/bin/nosuch", "exec: \"/bin/nosuch\": stat /bin/nosuch: no such file or directory")]
    [InlineData("runc run failed: unable to start container process: exec: \"/bin/nosuch\": stat /bin/nosuch: no such file or directory", "/bin/nosuch", "exec: \"/bin/nosuch\": stat /bin/nosuch: no such file or directory")]
    [InlineData("runc exec failed: exec failed: unable to start container process: exec: \"x\": executable file not found in $PATH", "x", "exec: \"x\": executable file not found in $PATH")]
    [InlineData("exec failed: unable to start container process: exec: \"x\": permission denied", "x", "exec: \"x\": permission denied")]
    [InlineData("open executable: Permission denied", "/noexec", "exec: \"/noexec\": permission denied")]
    [InlineData("open executable: Operation not permitted", "/etc", "exec: \"/etc\": permission denied")]
    [InlineData("chdir to `/nowhere`: No such file or directory", "sh", "chdir to `/nowhere`: no such file or directory")]
    public void Details_are_runc_s_words(string runtimeMessage, string command, string detail) =>
        Assert.Equal(detail, RuntimeErrors.Detail(runtimeMessage, command));

    [Fact]
    public void A_container_start_failure_reads_as_docker_s()
    {
        var error = RuntimeErrors.StartFailed("executable file `nosuchcmd` not found in $PATH: No such file or directory", "nosuchcmd", exec: false);
        Assert.Equal(Core.Errors.ErrorKind.Internal, error.Kind);
        Assert.Equal(
            "failed to create task for container: failed to create shim task: OCI runtime create failed: unable to start container process: exec: \"nosuchcmd\": executable file not found in $PATH: unknown",
            error.Message);
    }

    [Fact]
    public void An_exec_failure_reads_as_docker_s()
    {
        var error = RuntimeErrors.StartFailed("open executable: Permission denied", "/noexec", exec: true);
        Assert.Equal("OCI runtime exec failed: exec failed: unable to start container process: exec: \"/noexec\": permission denied: unknown", error.Message);
    }

    [Fact]
    public void The_last_error_of_the_log_is_taken()
    {
        using var dir = new TempDir();
        var log = dir.Combine("log");
        File.WriteAllLines(log,
        [
            """{"level":"warning","msg":"not this","time":"2026-01-01T00:00:00Z"}""",
            """{"msg":"first error","level":"error","time":"2026-01-01T00:00:00Z"}""",
            """{"msg":"the last error","level":"error","time":"2026-01-01T00:00:01Z"}""",
            """{"level":"info","msg":"nor this"}""",
        ]);
        Assert.Equal("the last error", RuntimeErrors.LastError(log));
        Assert.Null(RuntimeErrors.LastError(dir.Combine("missing")));

        File.WriteAllText(log, "plain text, not json\n");
        Assert.Equal("plain text, not json", RuntimeErrors.LastError(log));
    }

    [Fact]
    public void Systemd_s_variables_are_withheld_from_runtimes()
    {
        var environment = RuntimeEnvironment.From([("PATH", "/bin"), ("NOTIFY_SOCKET", "/run/systemd/notify"), ("LISTEN_FDS", "3"), ("LISTEN_PID", "1"), ("HOME", "/root")]);
        Assert.Equal(["PATH=/bin", "HOME=/root"], environment);
    }
}
