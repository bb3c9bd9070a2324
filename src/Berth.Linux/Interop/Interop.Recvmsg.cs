using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int MSG_CMSG_CLOEXEC = 0x40000000;
        internal const int MSG_DONTWAIT = 0x40;
        internal const int SOL_SOCKET = 1;
        internal const int SCM_RIGHTS = 1;

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct IoVec
        {
            public void* Base;
            public nuint Length;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct MsgHdr
        {
            public void* Name;
            public uint NameLength;
            public IoVec* Iov;
            public nuint IovLength;
            public void* Control;
            public nuint ControlLength;
            public int Flags;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct CmsgHdr
        {
            public nuint Length;
            public int Level;
            public int Type;
        }

        [LibraryImport(Name, SetLastError = true)]
        internal static unsafe partial nint recvmsg(int fd, MsgHdr* message, int flags);
    }
}
