using System.Globalization;
using Berth.Core.Errors;

namespace Berth.Runtime.Security;

/// <summary>Linux capabilities: Docker's 14 defaults, and --cap-add/--cap-drop (with "ALL") applied to them as moby does.</summary>
public static class Capabilities
{
    public static readonly IReadOnlyList<string> Default =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Every capability by name, in number order (CAP_CHOWN is 0).</summary>
    public static readonly IReadOnlyList<string> Known =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    private const string All = "ALL";

    private static readonly Lazy<IReadOnlyList<string>> KernelCapabilities = new(ReadKernelCapabilities);

    /// <summary>The capabilities this kernel has and we may grant (our bounding set): what "ALL" and --privileged give.</summary>
    public static IReadOnlyList<string> Supported => KernelCapabilities.Value;

    /// <summary>
    /// The capability set of a container (moby TweakCapabilities): privileged gets all; "ALL" in CapAdd gives all
    /// but the dropped; "ALL" in CapDrop gives only the added; otherwise the defaults minus drops plus adds.
    /// Names are case-insensitive, with or without CAP_; an unknown one is an InvalidArgument worded as Docker's.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> add, IEnumerable<string> drop, bool privileged)
    {
        var adds = Normalize(add, "CapAdd");
        var drops = Normalize(drop, "CapDrop");
        if (privileged)
        {
            return Supported;
        }

        if (adds.Contains(All))
        {
            return Supported.Where(c => !drops.Contains(c)).ToList();
        }

        var result = drops.Contains(All) ? [] : Default.Where(c => !drops.Contains(c)).ToList();
        result.AddRange(adds.Where(c => !result.Contains(c)));
        return result;
    }

    private static List<string> Normalize(IEnumerable<string> names, string field)
    {
        var normalized = new List<string>();
        foreach (var name in names)
        {
            var upper = name.ToUpperInvariant();
            if (upper == All)
            {
                normalized.Add(All);
                continue;
            }

            var full = upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
            if (!Known.Contains(full))
            {
                throw Errors.InvalidArgument($"invalid {field}: unknown capability: \"{full}\"");
            }

            if (!Supported.Contains(full))
            {
                throw Errors.InvalidArgument($"invalid {field}: capability not supported by your kernel or not available in the current environment: \"{full}\"");
            }

            normalized.Add(full);
        }

        return normalized;
    }

    /// <summary>The capabilities in our bounding set: those the kernel has and this environment lets us hand on.</summary>
    private static IReadOnlyList<string> ReadKernelCapabilities()
    {
        var bounding = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal));
        var mask = bounding is null ? ulong.MaxValue : ulong.Parse(bounding["CapBnd:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return Known.Where((_, bit) => (mask & (1UL << bit)) != 0).ToList();
    }
}
