using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial nint read(SafeFdHandle fd, byte* buffer, nuint count);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial nint write(SafeFdHandle fd, byte* buffer, nuint count);
    }
}
