namespace Berth.Linux.Tests;

public sealed class LinuxExceptionTests
{
    [Fact]
    public void The_message_names_the_call_the_path_and_the_error()
    {
        var error = new LinuxException(Errno.ENOENT, "open", "/nowhere");
        Assert.Equal("open /nowhere: No such file or directory", error.Message);
        Assert.Equal("pidfd_open: No such process", new LinuxException(Errno.ESRCH, "pidfd_open").Message);
    }

    [Fact]
    public void Errno_of_a_failed_call_arrives()
    {
        var error = Assert.Throws<LinuxException>(() => PidFd.Open(int.MaxValue));
        Assert.Equal(Errno.ESRCH, error.Errno);
    }

    [Fact]
    public unsafe void Becoming_a_subreaper_sticks()
    {
        const int PR_GET_CHILD_SUBREAPER = 37;
        Prctl.SetChildSubreaper();
        var value = 0;
        Assert.Equal(0, Interop.Libc.prctl(PR_GET_CHILD_SUBREAPER, (nuint)(&value), 0, 0, 0));
        Assert.Equal(1, value);
    }
}
