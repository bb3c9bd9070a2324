using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    /// <summary>Ownership and permission bits, relative to a directory fd.</summary>
    internal static partial class Libc
    {
        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int fchownat(SafeFdHandle dirfd, string path, uint owner, uint group, int flags);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int fchmodat(SafeFdHandle dirfd, string path, uint mode, int flags);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int fchmodat(int dirfd, string path, uint mode, int flags);
    }
}
