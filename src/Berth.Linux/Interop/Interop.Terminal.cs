using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const ulong TIOCSWINSZ = 0x5414;

        [StructLayout(LayoutKind.Sequential)]
        internal struct WinSize
        {
            public ushort Rows;
            public ushort Columns;
            public ushort XPixel;
            public ushort YPixel;
        }

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int ioctl(SafeFdHandle fd, ulong request, ref WinSize size);
    }
}
