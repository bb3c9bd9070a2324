using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    /// <summary>Directory entries made and removed relative to a directory fd: mknodat(2) and its siblings.</summary>
    internal static partial class Libc
    {
        internal const uint S_IFMT = 0xF000;
        internal const uint S_IFIFO = 0x1000;
        internal const uint S_IFCHR = 0x2000;
        internal const uint S_IFDIR = 0x4000;
        internal const uint S_IFBLK = 0x6000;
        internal const uint S_IFREG = 0x8000;
        internal const uint S_IFLNK = 0xA000;
        internal const uint S_IFSOCK = 0xC000;

        internal const int AT_REMOVEDIR = 0x200;

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mknodat(SafeFdHandle dirfd, string path, uint mode, ulong dev);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mkdirat(SafeFdHandle dirfd, string path, uint mode);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int symlinkat(string target, SafeFdHandle newdirfd, string linkpath);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int linkat(SafeFdHandle olddirfd, string oldpath, SafeFdHandle newdirfd, string newpath, int flags);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int unlinkat(SafeFdHandle dirfd, string path, int flags);

        /// <summary>glibc's makedev(3) encoding of a dev_t.</summary>
        internal static ulong makedev(uint major, uint minor) =>
            ((ulong)(major & 0xFFFFF000) << 32) | ((ulong)(major & 0xFFF) << 8) |
            ((ulong)(minor & 0xFFFFFF00) << 12) | (minor & 0xFF);
    }
}
