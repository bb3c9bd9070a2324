using Berth.Runtime.Oci;

namespace Berth.Runtime.Spec;

/// <summary>
/// The device cgroup of a Docker container: deny everything, then allow the nodes every container has
/// (moby's list, plus those runc adds on its own: mknod of anything, /dev/full, pts, ptmx, tun), so that
/// crun and runc end up with the same rules. Privileged containers may use any device.
/// </summary>
internal static class DeviceRules
{
    private static readonly (string Type, long? Major, long? Minor, string Access)[] Allowed =
    [
        ("c", null, null, "m"), ("b", null, null, "m"),
        ("c", 1, 3, "rwm"), ("c", 1, 5, "rwm"), ("c", 1, 7, "rwm"), ("c", 1, 8, "rwm"), ("c", 1, 9, "rwm"),
        ("c", 5, 0, "rwm"), ("c", 5, 1, "rwm"), ("c", 5, 2, "rwm"), ("c", 136, null, "rwm"), ("c", 10, 200, "rwm"),
    ];

    public static List<OciDeviceRule> For(bool privileged)
    {
        if (privileged)
        {
            return [new OciDeviceRule { Allow = true, Access = "rwm" }];
        }

        var rules = new List<OciDeviceRule> { new() { Allow = false, Access = "rwm" } };
        rules.AddRange(Allowed.Select(d => new OciDeviceRule { Allow = true, Type = d.Type, Major = d.Major, Minor = d.Minor, Access = d.Access }));

        // fuse stays denied, as in Docker
        rules.Add(new OciDeviceRule { Allow = false, Type = "c", Major = 10, Minor = 229, Access = "rwm" });
        return rules;
    }
}
