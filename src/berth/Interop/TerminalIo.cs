using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Berth.Cli.Interop;

/// <summary>The few terminal calls the CLI needs: isatty, raw mode (termios) and the window size.</summary>
internal static partial class TerminalIo
{
    public const int StdIn = 0;
    public const int StdOut = 1;

    private const string Libc = "libc";
    private const int TCSANOW = 0;
    private const nuint TIOCGWINSZ = 0x5413;

    public static bool IsTerminal(int fd) => isatty(fd) == 1;

    /// <summary>Rows and columns of the terminal on <paramref name="fd"/>, or null if it is not one.</summary>
    public static (ushort Rows, ushort Columns)? GetSize(int fd) =>
        ioctl(fd, TIOCGWINSZ, out var size) == 0 ? (size.Rows, size.Columns) : null;

    /// <summary>Puts the terminal in raw mode (cfmakeraw, as moby/term does) and returns how to undo it.</summary>
    public static TerminalState? MakeRaw(int fd)
    {
        if (tcgetattr(fd, out var saved) != 0)
        {
            return null;
        }

        var raw = saved;
        cfmakeraw(ref raw);
        return tcsetattr(fd, TCSANOW, in raw) == 0 ? new TerminalState(fd, saved) : null;
    }

    /// <summary>Turns echo off (for a password prompt) and returns how to turn it back on.</summary>
    public static TerminalState? DisableEcho(int fd)
    {
        const uint Echo = 0x8;
        if (tcgetattr(fd, out var saved) != 0)
        {
            return null;
        }

        var quiet = saved;
        quiet.LocalFlags &= ~Echo;
        return tcsetattr(fd, TCSANOW, in quiet) == 0 ? new TerminalState(fd, saved) : null;
    }

    internal static void Restore(int fd, in Termios state) => _ = tcsetattr(fd, TCSANOW, in state);

    [LibraryImport(Libc)]
    private static partial int isatty(int fd);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int tcgetattr(int fd, out Termios termios);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int tcsetattr(int fd, int optionalActions, in Termios termios);

    [LibraryImport(Libc)]
    private static partial void cfmakeraw(ref Termios termios);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int ioctl(int fd, nuint request, out WinSize size);

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    /// <summary>glibc's struct termios (the same layout on x86-64 and arm64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Termios
    {
        public uint InputFlags;
        public uint OutputFlags;
        public uint ControlFlags;
        public uint LocalFlags;
        public byte Line;
        public ControlChars Chars;
        public uint InputSpeed;
        public uint OutputSpeed;
    }

    [InlineArray(32)]
    internal struct ControlChars
    {
        private byte _first;
    }
}

/// <summary>A terminal's settings from before raw mode; disposing puts them back.</summary>
internal sealed class TerminalState(int fd, TerminalIo.Termios saved) : IDisposable
{
    private int _restored;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 0)
        {
            TerminalIo.Restore(fd, saved);
        }
    }
}
