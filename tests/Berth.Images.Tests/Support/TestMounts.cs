using System.Runtime.InteropServices;
using Berth.Core.Mounts;

namespace Berth.Images.Tests.Support;

/// <summary>mount(2) and umount2(2), so a test can mount what the snapshotter returns, as the runtime would.</summary>
internal static partial class TestMounts
{
    private const int MntDetach = 2;

    public static void Mount(MountSpec spec)
    {
        if (mount(spec.Source, spec.Target, spec.Type, 0, string.Join(',', spec.Options)) != 0)
        {
            throw new IOException($"mount {spec.Target}: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    public static void Unmount(string target) => umount2(target, MntDetach);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string source, string target, string fstype, ulong flags, string data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);
}
