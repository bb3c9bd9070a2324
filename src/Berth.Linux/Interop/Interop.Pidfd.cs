using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, SetLastError = true)]
        internal static partial int pidfd_open(int pid, uint flags);

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int pidfd_send_signal(SafeFdHandle pidfd, int sig, nint info, uint flags);
    }
}
