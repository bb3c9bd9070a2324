using System.Diagnostics;
using Berth.Runtime.Tests.Support;

[assembly: AssemblyFixture(typeof(RuntimeFixture))]

namespace Berth.Runtime.Tests.Support;

/// <summary>
/// What root tests of the runtimes share: a busybox rootfs, crun and runc with state roots of their own
/// (so no test sees another's containers), and a cgroup parent of their own. Everything is removed at
/// the end: containers, their cgroups, the directories.
/// </summary>
public sealed class RuntimeFixture : IAsyncDisposable
{
    private readonly Lazy<string> _root = new(Prepare);
    private readonly Dictionary<string, CliRuntime> _runtimes = new(StringComparer.Ordinal);

    public string CgroupParent { get; } = "berth-test-" + Guid.NewGuid().ToString("N")[..8];

    public string Rootfs => Path.Combine(_root.Value, "rootfs");

    public CliRuntime Runtime(string name)
    {
        lock (_runtimes)
        {
            if (!_runtimes.TryGetValue(name, out var runtime))
            {
                var flavor = name == "crun" ? RuntimeFlavor.Crun : RuntimeFlavor.Runc;
                var path = new[] { "/usr/bin/" + name, "/usr/sbin/" + name, "/usr/local/bin/" + name }.First(File.Exists);
                runtime = new CliRuntime(flavor, path, Path.Combine(_root.Value, "state", name), CgroupParent);
                _runtimes[name] = runtime;
            }

            return runtime;
        }
    }

    /// <summary>A spec for a new container with its own bundle directory.</summary>
    public ContainerSpec Container(params string[] args)
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..12];
        var bundle = Path.Combine(_root.Value, "bundles", id);
        Directory.CreateDirectory(bundle);
        return new ContainerSpec
        {
            Id = id,
            BundleDir = bundle,
            RootfsPath = Rootfs,
            Hostname = id,
            Process = new ProcessSpec { Args = args, Env = ["PATH=/bin", "HOME=/root"] },
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (!_root.IsValueCreated)
        {
            return;
        }

        foreach (var runtime in _runtimes.Values)
        {
            foreach (var state in Directory.EnumerateDirectories(runtime.StateRoot).Where(d => Path.GetFileName(d).StartsWith('t')))
            {
                await runtime.DeleteAsync(Path.GetFileName(state), force: true, CancellationToken.None);
            }
        }

        foreach (var controller in Directory.EnumerateDirectories("/sys/fs/cgroup"))
        {
            var parent = Path.Combine(controller, CgroupParent);
            if (Directory.Exists(parent))
            {
                Directory.Delete(parent);
            }
        }

        Directory.Delete(_root.Value, recursive: true);
    }

    private static string Prepare()
    {
        var applets = Applets();
        RuntimeHost.Initialize();
        var root = Path.Combine(Path.GetTempPath(), "berth-runtime-tests", "root-" + Guid.NewGuid().ToString("N")[..8]);
        var rootfs = Path.Combine(root, "rootfs");
        foreach (var dir in new[] { "bin", "etc", "proc", "sys", "dev", "tmp", "root", "home/app" })
        {
            Directory.CreateDirectory(Path.Combine(rootfs, dir));
        }

        File.Copy("/bin/busybox", Path.Combine(rootfs, "bin", "busybox"));
        foreach (var applet in applets)
        {
            var link = Path.Combine(rootfs, "bin", applet);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, "busybox");
            }
        }

        File.WriteAllText(Path.Combine(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
        File.WriteAllText(Path.Combine(rootfs, "etc", "group"), "root:x:0:\nwheel:x:10:root\napp:x:1000:\n");
        File.WriteAllText(Path.Combine(rootfs, "noexec"), "not a program");
        return root;
    }

    private static string[] Applets()
    {
        using var list = Process.Start(new ProcessStartInfo("/bin/busybox", "--list") { RedirectStandardOutput = true })!;
        var applets = list.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        list.WaitForExit();
        return applets;
    }
}
