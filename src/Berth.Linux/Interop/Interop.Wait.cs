using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const int P_PID = 1;
        internal const int P_PIDFD = 3;
        internal const int WNOHANG = 1;
        internal const int WEXITED = 4;
        internal const int CLD_EXITED = 1;
        internal const int CLD_KILLED = 2;
        internal const int CLD_DUMPED = 3;

        /// <summary>siginfo_t as waitid fills it for SIGCHLD: the first fields, padded to the full 128 bytes.</summary>
        [StructLayout(LayoutKind.Explicit, Size = 128)]
        internal struct SigInfo
        {
            [FieldOffset(0)]
            public int Signo;

            [FieldOffset(8)]
            public int Code;

            [FieldOffset(16)]
            public int Pid;

            [FieldOffset(24)]
            public int Status;
        }

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int waitid(int idtype, int id, out SigInfo info, int options);
    }
}
