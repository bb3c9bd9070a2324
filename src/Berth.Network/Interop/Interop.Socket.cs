using System.Runtime.InteropServices;

namespace Berth.Network;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int AF_NETLINK = 16;
        internal const int SOCK_RAW = 3;
        internal const int SOCK_CLOEXEC = 0x80000;
        internal const int NETLINK_ROUTE = 0;
        internal const int SOL_NETLINK = 270;
        internal const int NETLINK_CAP_ACK = 10;
        internal const int NETLINK_EXT_ACK = 11;
        internal const int MSG_TRUNC = 0x20;

        [StructLayout(LayoutKind.Sequential)]
        internal struct SockaddrNl
        {
            public ushort Family;
            public ushort Pad;
            public uint Pid;
            public uint Groups;
        }

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int socket(int domain, int type, int protocol);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial int bind(SafeHandle fd, SockaddrNl* address, uint length);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial int setsockopt(SafeHandle fd, int level, int name, int* value, uint length);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial nint send(SafeHandle fd, byte* buffer, nuint length, int flags);

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial nint recv(SafeHandle fd, byte* buffer, nuint length, int flags);
    }
}
