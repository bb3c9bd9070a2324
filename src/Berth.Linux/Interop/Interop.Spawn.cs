using System.Runtime.InteropServices;

namespace Berth.Linux;

internal static partial class Interop
{
    internal static partial class Libc
    {
        internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
        internal const short POSIX_SPAWN_SETSIGMASK = 0x08;
        internal const short POSIX_SPAWN_SETSID = 0x80;

        // glibc: posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336, sigset_t 128; buffers are sized generously.
        internal const int FileActionsSize = 256;
        internal const int SpawnAttrSize = 512;
        internal const int SigSetSize = 128;

        [LibraryImport(Name, SetLastError = false)]
        internal static unsafe partial int posix_spawn(out int pid, byte* path, void* fileActions, void* attr, byte** argv, byte** envp);

        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawn_file_actions_init(void* actions);

        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawn_file_actions_destroy(void* actions);

        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawn_file_actions_adddup2(void* actions, int fd, int newfd);

        /// <summary>glibc 2.34+: closes every descriptor from <paramref name="lowFd"/> up in the child (close_range).</summary>
        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawn_file_actions_addclosefrom_np(void* actions, int lowFd);

        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawnattr_init(void* attr);

        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawnattr_destroy(void* attr);

        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawnattr_setflags(void* attr, short flags);

        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawnattr_setsigmask(void* attr, void* sigset);

        [LibraryImport(Name)]
        internal static unsafe partial int posix_spawnattr_setsigdefault(void* attr, void* sigset);

        [LibraryImport(Name)]
        internal static unsafe partial int sigemptyset(void* set);
    }
}
