namespace Berth.Runtime.Tests.Support;

/// <summary>ContainerSpecs for tests: everything a test does not care about has a plain value.</summary>
internal static class Specs
{
    public static ContainerSpec Container(string id = "c1", IReadOnlyList<string>? args = null, uint uid = 0) => new()
    {
        Id = id,
        BundleDir = "/bundle",
        RootfsPath = "/bundle/rootfs",
        Hostname = "host1",
        Process = Process(args, uid),
    };

    public static ProcessSpec Process(IReadOnlyList<string>? args = null, uint uid = 0) => new()
    {
        Args = args ?? ["sh"],
        Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
        Uid = uid,
        Gid = uid,
    };
}
