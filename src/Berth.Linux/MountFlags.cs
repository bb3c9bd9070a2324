namespace Berth.Linux;

/// <summary>mount(2) flags, with their C names.</summary>
[Flags]
#pragma warning disable CA1707 // C names, checkable against the man page
public enum MountFlags : ulong
{
    None = 0,
    MS_RDONLY = 0x1,
    MS_NOSUID = 0x2,
    MS_NODEV = 0x4,
    MS_NOEXEC = 0x8,
    MS_REMOUNT = 0x20,
    MS_BIND = 0x1000,
    MS_REC = 0x4000,
    MS_PRIVATE = 0x40000,
}
#pragma warning restore CA1707
