using static Berth.Linux.Interop.Libc;

namespace Berth.Linux;

/// <summary>
/// Mounts that exist only as a file descriptor (fsopen/fsmount, Linux 5.2; <c>lowerdir+</c>, Linux 6.8): attached to
/// no path, invisible to every other process, and gone when the fd closes, so a crash can never leave one behind.
/// The fd is the mount's root directory, for the *at calls.
/// </summary>
public static class DetachedMounts
{
    /// <summary>
    /// An overlay of <paramref name="lowerTopToBottom"/> and, when given, a writable <paramref name="upper"/> (with
    /// its <paramref name="work"/> dir). Without an upper, pass the directory holding writes as the topmost lower:
    /// overlay honours whiteouts and opaque directories in every layer.
    /// </summary>
    public static SafeFdHandle Overlay(IReadOnlyList<string> lowerTopToBottom, string? upper, string? work, bool readOnly)
    {
        var fd = fsopen("overlay", FSOPEN_CLOEXEC);
        if (fd < 0)
        {
            throw LinuxException.FromLastError("fsopen", "overlay");
        }

        using var context = new SafeFdHandle(fd);
        foreach (var lower in lowerTopToBottom)
        {
            Set(context, "lowerdir+", lower);
        }

        if (upper is not null)
        {
            Set(context, "upperdir", upper);
            Set(context, "workdir", work ?? throw new ArgumentNullException(nameof(work), "an upper dir needs a work dir"));
            Set(context, "index", "off");
        }

        if (fsconfig(context, FSCONFIG_CMD_CREATE, null, null, 0) < 0)
        {
            throw LinuxException.FromLastError("fsconfig(create)", "overlay");
        }

        var mount = fsmount(context, FSMOUNT_CLOEXEC, readOnly ? MOUNT_ATTR_RDONLY : 0);
        return mount < 0 ? throw LinuxException.FromLastError("fsmount", "overlay") : new SafeFdHandle(mount);
    }

    private static void Set(SafeFdHandle context, string key, string value)
    {
        if (fsconfig(context, FSCONFIG_SET_STRING, key, value, 0) < 0)
        {
            throw LinuxException.FromLastError("fsconfig(" + key + ")", value);
        }
    }
}
