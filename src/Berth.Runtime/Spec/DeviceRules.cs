using Berth.Runtime.Oci;

namespace Berth.Runtime.Spec;

/// <summary>
/// The device cgroup of a Docker container: deny everything, allow moby's list, deny fuse, then allow
/// what runc appends on its own (mknod of anything, /dev/full, pts, ptmx, tun), in that order, so that
/// crun ends up with runc's rules and runc's v1 emulator never has to punch a hole in a wildcard.
/// Privileged containers may use any device.
/// </summary>
internal static class DeviceRules
{
    private static readonly (string Type, long? Major, long? Minor, string Access)[] Docker =
    [
        ("c", 1, 5, "rwm"), ("c", 1, 3, "rwm"), ("c", 1, 9, "rwm"), ("c", 1, 8, "rwm"), ("c", 5, 0, "rwm"), ("c", 5, 1, "rwm"),
    ];

    private static readonly (string Type, long? Major, long? Minor, string Access)[] RuncDefaults =
    [
        ("c", null, null, "m"), ("b", null, null, "m"), ("c", 1, 7, "rwm"), ("c", 136, null, "rwm"), ("c", 5, 2, "rwm"), ("c", 10, 200, "rwm"),
    ];

    public static List<OciDeviceRule> For(bool privileged)
    {
        if (privileged)
        {
            return [new OciDeviceRule { Allow = true, Access = "rwm" }];
        }

        var rules = new List<OciDeviceRule> { new() { Allow = false, Access = "rwm" } };
        rules.AddRange(Docker.Select(Allow));
        rules.Add(new OciDeviceRule { Allow = false, Type = "c", Major = 10, Minor = 229, Access = "rwm" });
        rules.AddRange(RuncDefaults.Select(Allow));
        return rules;
    }

    private static OciDeviceRule Allow((string Type, long? Major, long? Minor, string Access) d) =>
        new() { Allow = true, Type = d.Type, Major = d.Major, Minor = d.Minor, Access = d.Access };
}
