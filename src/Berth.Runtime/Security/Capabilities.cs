using Berth.Core.Errors;

namespace Berth.Runtime.Security;

/// <summary>Linux capabilities: Docker's 14 defaults, and --cap-add/--cap-drop (with "ALL") applied to them.</summary>
public static class Capabilities
{
    public static readonly IReadOnlyList<string> Default =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Every capability the kernel knows, in number order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>moby's TweakCapabilities: drops apply to the defaults, then adds; ALL on either side.</summary>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> add, IEnumerable<string> drop, bool privileged)
    {
        if (privileged)
        {
            return Supported();
        }

        var adds = add.Select(Normalize).ToList();
        var drops = drop.Select(Normalize).ToList();
        var result = new List<string>();
        if (!drops.Contains("ALL"))
        {
            result.AddRange(Default.Where(c => !drops.Contains(c)));
        }

        if (adds.Contains("ALL"))
        {
            return Supported().Where(c => !drops.Contains(c) || adds.Contains(c)).ToList();
        }

        foreach (var cap in adds.Where(c => !result.Contains(c)))
        {
            result.Add(cap);
        }

        return result;
    }

    /// <summary>
    /// The capabilities a privileged container gets: all those in the daemon's own bounding set (a
    /// container can hold no capability its creator lacks, and asking for one fails capset).
    /// </summary>
    public static IReadOnlyList<string> Supported()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("CapBnd:", StringComparison.Ordinal)) : null;
        if (line is null || !ulong.TryParse(line["CapBnd:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var mask))
        {
            return All;
        }

        return All.Where((_, bit) => (mask & (1UL << bit)) != 0).ToList();
    }

    public static string Normalize(string name)
    {
        var upper = name.Trim().ToUpperInvariant();
        if (upper == "ALL")
        {
            return upper;
        }

        var full = upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
        return All.Contains(full) ? full : throw Errors.InvalidArgument($"invalid capability: {name}");
    }
}
