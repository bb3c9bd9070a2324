namespace Berth.Linux;

public static class TerminalSize
{
    /// <summary>TIOCSWINSZ on a pty master: the process on the other side gets SIGWINCH.</summary>
    public static void Set(SafeFdHandle master, ushort rows, ushort columns)
    {
        var size = new Interop.Libc.WinSize { Rows = rows, Columns = columns };
        if (Interop.Libc.ioctl(master, Interop.Libc.TIOCSWINSZ, ref size) != 0)
        {
            throw LinuxException.FromLastError("ioctl(TIOCSWINSZ)");
        }
    }
}
