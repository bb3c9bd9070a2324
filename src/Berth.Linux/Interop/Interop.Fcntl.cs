using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int O_NONBLOCK = 0x800;
        internal const int F_GETFL = 3;
        internal const int F_SETFL = 4;
        internal const int F_DUPFD_CLOEXEC = 1030;

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int fcntl(SafeFdHandle fd, int cmd, int arg);
    }
}
