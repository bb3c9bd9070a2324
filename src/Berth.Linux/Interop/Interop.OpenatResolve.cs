namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        /// <summary>Resolve the path as if the directory fd were the root: symlinks and ".." cannot leave it.</summary>
        internal const ulong RESOLVE_IN_ROOT = 0x10;
    }
}
