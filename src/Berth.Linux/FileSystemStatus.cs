namespace Berth.Linux;

/// <summary>An entry's status as lstat reports it (the entry itself, never a symlink's target).</summary>
/// <param name="Device">The filesystem the entry lives on, as a dev_t.</param>
/// <param name="RdevMajor">For device nodes, the device they stand for.</param>
public readonly record struct FileSystemStatus(
    FileSystemNodeType Type,
    UnixFileMode Mode,
    uint Uid,
    uint Gid,
    long Size,
    uint LinkCount,
    ulong Inode,
    ulong Device,
    uint RdevMajor,
    uint RdevMinor,
    DateTimeOffset ModificationTime)
{
    public bool IsDirectory => Type == FileSystemNodeType.Directory;

    internal static FileSystemStatus From(in Interop.Libc.Statx statx) => new(
        TypeOf(statx.Mode),
        (UnixFileMode)(statx.Mode & 0xFFF),
        statx.Uid,
        statx.Gid,
        (long)statx.Size,
        statx.LinkCount,
        statx.Inode,
        Interop.Libc.makedev(statx.DevMajor, statx.DevMinor),
        statx.RdevMajor,
        statx.RdevMinor,
        DateTimeOffset.FromUnixTimeSeconds(statx.ModificationTime.Seconds).AddTicks(statx.ModificationTime.Nanoseconds / 100));

    private static FileSystemNodeType TypeOf(uint mode) => (mode & Interop.Libc.S_IFMT) switch
    {
        Interop.Libc.S_IFREG => FileSystemNodeType.RegularFile,
        Interop.Libc.S_IFDIR => FileSystemNodeType.Directory,
        Interop.Libc.S_IFLNK => FileSystemNodeType.SymbolicLink,
        Interop.Libc.S_IFCHR => FileSystemNodeType.CharacterDevice,
        Interop.Libc.S_IFBLK => FileSystemNodeType.BlockDevice,
        Interop.Libc.S_IFIFO => FileSystemNodeType.Fifo,
        Interop.Libc.S_IFSOCK => FileSystemNodeType.Socket,
        _ => FileSystemNodeType.Unknown,
    };
}
