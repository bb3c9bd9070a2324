using System.Text;

namespace Berth.Linux;

/// <summary>mount(2) and umount2(2), and whether a path is a mount point.</summary>
public static class Mounts
{
    public static void Mount(string source, string target, string? fstype, MountFlags flags, string? data)
    {
        if (Interop.Libc.mount(source, target, fstype, (ulong)flags, data) != 0)
        {
            throw LinuxException.FromLastError("mount", target);
        }
    }

    /// <summary>Unmounts; <paramref name="detach"/> (MNT_DETACH) detaches it now and frees it once no longer busy.</summary>
    public static void Unmount(string target, bool detach)
    {
        if (Interop.Libc.umount2(target, detach ? Interop.Libc.MNT_DETACH : 0) != 0)
        {
            throw LinuxException.FromLastError("umount2", target);
        }
    }

    /// <summary>True when <paramref name="path"/> is the mount point of some mount in our mount namespace.</summary>
    public static bool IsMountPoint(string path) => IsMountPoint(path, File.ReadLines("/proc/self/mountinfo"));

    internal static bool IsMountPoint(string path, IEnumerable<string> mountinfo)
    {
        var full = Path.GetFullPath(path);
        if (full.Length > 1)
        {
            full = full.TrimEnd('/');
        }

        foreach (var line in mountinfo)
        {
            var fields = line.Split(' ', 6);
            if (fields.Length > 4 && Unescape(fields[4]) == full)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>mountinfo writes space, tab, newline and backslash as \ooo (octal).</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && IsOctal(field[i + 1]) && IsOctal(field[i + 2]) && IsOctal(field[i + 3]))
            {
                text.Append((char)(((field[i + 1] - '0') * 64) + ((field[i + 2] - '0') * 8) + (field[i + 3] - '0')));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(char c) => c is >= '0' and <= '7';
}
