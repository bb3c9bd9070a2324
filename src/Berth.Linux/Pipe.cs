namespace Berth.Linux;

/// <summary>pipe2(2): both ends close-on-exec, so a spawned program gets only the ends it is handed.</summary>
public static class Pipe
{
    public static unsafe (SafeFdHandle Read, SafeFdHandle Write) Create()
    {
        var fds = stackalloc int[2];
        if (Interop.Libc.pipe2(fds, Interop.Libc.O_CLOEXEC) != 0)
        {
            throw LinuxException.FromLastError("pipe2");
        }

        return (new SafeFdHandle(fds[0]), new SafeFdHandle(fds[1]));
    }
}
