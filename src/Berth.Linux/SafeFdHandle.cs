using Microsoft.Win32.SafeHandles;

namespace Berth.Linux;

/// <summary>An owned file descriptor: -1 is invalid, 0 is valid; closing is the only release.</summary>
public class SafeFdHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafeFdHandle()
        : base(ownsHandle: true)
    {
    }

    public SafeFdHandle(int fd, bool ownsHandle = true)
        : base(ownsHandle) => SetHandle(fd);

    public override bool IsInvalid => (int)handle < 0;

    /// <summary>The raw descriptor, for the rare place that must print or pass it (cmsg, /proc/self/fd/N).</summary>
    public int DangerousFd => (int)handle;

    protected override bool ReleaseHandle() => Interop.Libc.close((int)handle) == 0;
}
