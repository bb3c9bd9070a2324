namespace Berth.IntegrationTests.Support;

/// <summary>Where the built binaries are: ./test.sh (scripts/build.sh) publishes them under .build/.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Daemon => Path.Combine(Root, ".build", "daemon", "berthd");

    public static string BerthCli => Path.Combine(Root, ".build", "cli", "berth");

    public static string BusyboxTar => Path.Combine(Root, ".build", "busybox.tar");

    public const string DockerCli = "/usr/local/bin/docker";

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Berth.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Berth.slnx)");
    }
}
