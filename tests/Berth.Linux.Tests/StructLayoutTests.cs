using System.Runtime.InteropServices;

namespace Berth.Linux.Tests;

/// <summary>The kernel's struct sizes on x86_64 and arm64, which the blittable interop structs must match.</summary>
public sealed class StructLayoutTests
{
    [Fact]
    public unsafe void Structs_have_the_kernel_sizes()
    {
        Assert.Equal(128, sizeof(Interop.Libc.SigInfo));
        Assert.Equal(12, sizeof(Interop.Libc.EpollEventX64));
        Assert.Equal(16, sizeof(Interop.Libc.EpollEvent64));
        Assert.Equal(16, sizeof(Interop.Libc.IoVec));
        Assert.Equal(56, sizeof(Interop.Libc.MsgHdr));
        Assert.Equal(16, sizeof(Interop.Libc.CmsgHdr));
        Assert.Equal(8, sizeof(Interop.Libc.WinSize));
    }

    [Fact]
    public void Fields_sit_at_the_kernel_offsets()
    {
        Assert.Equal(8, Marshal.OffsetOf<Interop.Libc.SigInfo>(nameof(Interop.Libc.SigInfo.Code)));
        Assert.Equal(16, Marshal.OffsetOf<Interop.Libc.SigInfo>(nameof(Interop.Libc.SigInfo.Pid)));
        Assert.Equal(24, Marshal.OffsetOf<Interop.Libc.SigInfo>(nameof(Interop.Libc.SigInfo.Status)));
        Assert.Equal(4, Marshal.OffsetOf<Interop.Libc.EpollEventX64>(nameof(Interop.Libc.EpollEventX64.Data)));
        Assert.Equal(8, Marshal.OffsetOf<Interop.Libc.EpollEvent64>(nameof(Interop.Libc.EpollEvent64.Data)));
        Assert.Equal(16, Marshal.OffsetOf<Interop.Libc.MsgHdr>(nameof(Interop.Libc.MsgHdr.Iov)));
        Assert.Equal(32, Marshal.OffsetOf<Interop.Libc.MsgHdr>(nameof(Interop.Libc.MsgHdr.Control)));
        Assert.Equal(48, Marshal.OffsetOf<Interop.Libc.MsgHdr>(nameof(Interop.Libc.MsgHdr.Flags)));
    }
}
