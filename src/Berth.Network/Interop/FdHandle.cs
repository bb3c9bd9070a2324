using Microsoft.Win32.SafeHandles;

namespace Berth.Network;

/// <summary>An owned file descriptor: -1 is invalid, 0 is valid; closing is the only release.</summary>
internal sealed class FdHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public FdHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => (int)handle < 0;

    /// <summary>Opens <paramref name="path"/> read-only and close-on-exec (namespace files are opened this way).</summary>
    public static FdHandle Open(string path)
    {
        var fd = Interop.Libc.open(path, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        return fd < 0 ? throw NetworkException.FromLastError("open", path) : new FdHandle(fd);
    }

    protected override bool ReleaseHandle() => Interop.Libc.close((int)handle) == 0;
}
