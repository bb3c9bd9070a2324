using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>openat2(2) has no glibc wrapper; its number is the same on x86_64 and arm64.</summary>
        private const long SYS_openat2 = 437;

        internal const ulong RESOLVE_NO_XDEV = 0x01;
        internal const ulong RESOLVE_NO_MAGICLINKS = 0x02;
        internal const ulong RESOLVE_NO_SYMLINKS = 0x04;
        internal const ulong RESOLVE_BENEATH = 0x08;

        internal const int O_WRONLY = 0x1;
        internal const int O_CREAT = 0x40;
        internal const int O_EXCL = 0x80;
        internal const int O_CLOEXEC = 0x80000;
        internal const int O_PATH = 0x200000;

        // The only open flags that differ between x86_64 and arm64.
        internal static readonly int O_DIRECTORY = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 : 0x10000;
        internal static readonly int O_NOFOLLOW = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x8000 : 0x20000;

        [StructLayout(LayoutKind.Sequential)]
        internal struct OpenHow
        {
            public ulong Flags;
            public ulong Mode;
            public ulong Resolve;
        }

        [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial long syscall_openat2(long number, SafeFdHandle dirfd, string path, ref OpenHow how, nuint size);

        [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial long syscall_openat2(long number, int dirfd, string path, ref OpenHow how, nuint size);

        internal const int AT_FDCWD = -100;

        internal static int openat2(SafeFdHandle dirfd, string path, ref OpenHow how) =>
            (int)syscall_openat2(SYS_openat2, dirfd, path, ref how, (nuint)Marshal.SizeOf<OpenHow>());

        /// <summary>openat2 relative to the working directory, for absolute paths.</summary>
        internal static int openat2(string path, ref OpenHow how) =>
            (int)syscall_openat2(SYS_openat2, AT_FDCWD, path, ref how, (nuint)Marshal.SizeOf<OpenHow>());
    }
}
