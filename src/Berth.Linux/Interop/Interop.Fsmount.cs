using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    /// <summary>The new mount API (fsopen(2), fsconfig(2), fsmount(2)): a mount made as an fd, attached nowhere.</summary>
    internal static partial class Libc
    {
        internal const uint FSOPEN_CLOEXEC = 0x1;
        internal const uint FSCONFIG_SET_STRING = 1;
        internal const uint FSCONFIG_CMD_CREATE = 6;
        internal const uint FSMOUNT_CLOEXEC = 0x1;
        internal const uint MOUNT_ATTR_RDONLY = 0x1;

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int fsopen(string fsname, uint flags);

        [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int fsconfig(SafeFdHandle fd, uint cmd, string? key, string? value, int aux);

        [LibraryImport(Name, SetLastError = true)]
        internal static partial int fsmount(SafeFdHandle fd, uint flags, uint attrFlags);
    }
}
