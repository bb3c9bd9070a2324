using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        private const string Name = "libc";

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int close(int fd);
    }
}
