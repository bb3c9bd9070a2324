using System.Runtime.InteropServices;

namespace Berth.Network;

internal static partial class Interop
{
    internal static partial class Libc
    {
        private const string Name = "libc";

        internal const int O_RDONLY = 0;
        internal const int O_CLOEXEC = 0x80000;

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int close(int fd);

        /// <summary>open(2) without O_CREAT, so the variadic mode argument is never read.</summary>
        [LibraryImport(Name, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int open(string path, int flags);
    }
}
