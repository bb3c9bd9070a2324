using System.Runtime.InteropServices;

namespace Berth.Network;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int CLONE_NEWNET = 0x40000000;

        /// <summary>setns(2): moves only the calling thread into the namespace of <paramref name="fd"/>.</summary>
        [LibraryImport(Name, SetLastError = true)]
        internal static partial int setns(SafeHandle fd, int nstype);

        /// <summary>unshare(2): gives only the calling thread a new namespace.</summary>
        [LibraryImport(Name, SetLastError = true)]
        internal static partial int unshare(int flags);
    }
}
