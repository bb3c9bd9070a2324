using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_NONBLOCK = 0x800;
        internal const int F_GETFL = 3;
        internal const int F_SETFL = 4;

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial int pipe2(int* fds, int flags);

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int fcntl(SafeFdHandle fd, int cmd, int arg);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial nint read(SafeFdHandle fd, byte* buffer, nuint count);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial nint write(SafeFdHandle fd, byte* buffer, nuint count);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int open(string path, int flags, int mode);
    }
}
