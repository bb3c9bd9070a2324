using Berth.Linux;
using Berth.Runtime.Spec;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

public sealed class HostDevicesTests
{
    [Fact]
    public void Device_nodes_are_listed_with_their_container_paths_skipping_per_container_ones()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("pts"));
        Directory.CreateDirectory(dir.Combine("snd"));
        using (var root = FileSystemNodes.OpenDirectory(dir.Path))
        {
            FileSystemNodes.CreateDevice(root, "fifo", FileSystemNodeType.Fifo, UnixFileMode.UserRead | UnixFileMode.UserWrite, 0, 0);
            FileSystemNodes.CreateDevice(root, "pts/0", FileSystemNodeType.Fifo, UnixFileMode.UserRead, 0, 0);
            FileSystemNodes.CreateDevice(root, "snd/timer", FileSystemNodeType.Fifo, UnixFileMode.UserRead, 0, 0);
        }

        File.WriteAllText(dir.Combine("regular"), "");
        File.CreateSymbolicLink(dir.Combine("link"), "fifo");

        var devices = HostDevices.List(dir.Path);

        Assert.Equal(["/dev/fifo", "/dev/snd/timer"], devices.Select(d => d.Path).Order());
        var fifo = devices.Single(d => d.Path == "/dev/fifo");
        Assert.Equal(("p", 0x180u), (fifo.Type, fifo.FileMode));
    }
}
