using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int EPOLL_CLOEXEC = 0x80000;
        internal const int EPOLL_CTL_ADD = 1;
        internal const int EPOLL_CTL_DEL = 2;
        internal const uint EPOLLIN = 0x001;
        internal const uint EPOLLOUT = 0x004;
        internal const uint EPOLLONESHOT = 1u << 30;

        /// <summary>struct epoll_event: packed on x86_64 (12 bytes), naturally aligned elsewhere (16 bytes).</summary>
        [StructLayout(LayoutKind.Explicit, Size = 12)]
        internal struct EpollEventX64
        {
            [FieldOffset(0)]
            public uint Events;

            [FieldOffset(4)]
            public ulong Data;
        }

        [StructLayout(LayoutKind.Explicit, Size = 16)]
        internal struct EpollEvent64
        {
            [FieldOffset(0)]
            public uint Events;

            [FieldOffset(8)]
            public ulong Data;
        }

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int epoll_create1(int flags);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial int epoll_ctl(SafeFdHandle epfd, int op, SafeFdHandle fd, void* ev);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial int epoll_wait(SafeFdHandle epfd, void* events, int maxEvents, int timeout);
    }
}
