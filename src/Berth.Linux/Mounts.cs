namespace Berth.Linux;

/// <summary>mount(2) and umount2(2), and whether a path is a mount point.</summary>
public static class Mounts
{
    public static void Mount(string source, string target, string? fstype, ulong flags, string? data)
    {
        if (Interop.Libc.mount(source, target, fstype, flags, data) != 0)
        {
            throw LinuxException.FromLastError("mount", target);
        }
    }

    public static void Unmount(string target, bool detach)
    {
        if (Interop.Libc.umount2(target, detach ? Interop.Libc.MNT_DETACH : 0) != 0)
        {
            throw LinuxException.FromLastError("umount2", target);
        }
    }

    /// <summary>True when <paramref name="path"/> is the mount point of some mount in our mount namespace.</summary>
    public static bool IsMountPoint(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var fields = line.Split(' ', 6);
            if (fields.Length > 4 && Unescape(fields[4]) == full)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>mountinfo escapes space, tab, newline and backslash as octal.</summary>
    private static string Unescape(string field) =>
        field.Contains('\\', StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString())
            : field;
}
