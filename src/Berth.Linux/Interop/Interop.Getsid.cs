using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>The session of a process (0: ourselves); works on a zombie until it is reaped.</summary>
        [LibraryImport(Name, SetLastError = true)]
        internal static partial int getsid(int pid);
    }
}
