using System.Runtime.InteropServices;
using System.Text;

namespace Berth.Linux.Tests;

public sealed partial class TerminalTests
{
    private const ulong TIOCGWINSZ = 0x5413;
    private const ulong TIOCSPTLCK = 0x40045431;
    private const ulong TIOCGPTPEER = 0x5441;

    [Fact]
    public void Resizing_a_pty_master_sets_the_window_size()
    {
        using var master = OpenMaster();
        TerminalSize.Set(master, 40, 120);
        var size = default(Interop.Libc.WinSize);
        Assert.Equal(0, Interop.Libc.ioctl(master, TIOCGWINSZ, ref size));
        Assert.Equal((40, 120), (size.Rows, size.Columns));
    }

    [Fact]
    public async Task A_master_reads_what_the_other_side_writes_and_ends_when_it_closes()
    {
        using var master = OpenMaster();
        var slave = new SafeFdHandle(ioctl(master, TIOCGPTPEER, Interop.Libc.O_RDWR | Interop.Libc.O_NOCTTY | Interop.Libc.O_CLOEXEC));
        Assert.False(slave.IsInvalid);
        await using var stream = new PollableStream(Descriptors.Duplicate(master), null);
        await using (var other = new PollableStream(null, slave))
        {
            await other.WriteAsync("hi\n"u8.ToArray(), TestContext.Current.CancellationToken);
            var buffer = new byte[16];
            var n = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken);
            Assert.Equal("hi\r\n", Encoding.ASCII.GetString(buffer, 0, n));
        }

        // no one holds the terminal any more: EIO, which the stream reports as end of file
        Assert.Equal(0, await stream.ReadAsync(new byte[16], TestContext.Current.CancellationToken));
    }

    private static SafeFdHandle OpenMaster()
    {
        var master = Descriptors.Open("/dev/ptmx", Interop.Libc.O_RDWR | Interop.Libc.O_NOCTTY);
        var unlock = 0;
        Assert.Equal(0, ioctl(master, TIOCSPTLCK, ref unlock));
        return master;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(SafeFdHandle fd, ulong request, ref int arg);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(SafeFdHandle fd, ulong request, int arg);
}
