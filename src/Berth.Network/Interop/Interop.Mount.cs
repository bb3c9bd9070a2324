using System.Runtime.InteropServices;

namespace Berth.Network;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const ulong MS_BIND = 0x1000;
        internal const int MNT_DETACH = 2;

        /// <summary>The f_type statfs(2) reports for a bind-mounted namespace file.</summary>
        internal const long NSFS_MAGIC = 0x6e736673;

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mount(string source, string target, string? fstype, ulong flags, string? data);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int umount2(string target, int flags);

        /// <summary>statfs(2) into a raw buffer: only f_type, the first (long) field, is read.</summary>
        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int statfs(string path, byte* buffer);

        /// <summary>sizeof(struct statfs) is 120 on x86_64 and arm64; the buffer is a little larger.</summary>
        internal const int StatfsBufferSize = 128;
    }
}
