using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    /// <summary>Extended attributes by path, never following a final symlink (the l* calls).</summary>
    internal static partial class Libc
    {
        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int lsetxattr(string path, string name, byte* value, nuint size, int flags);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial nint lgetxattr(string path, string name, byte* value, nuint size);
    }
}
