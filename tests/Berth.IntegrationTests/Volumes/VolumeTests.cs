using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Volumes;

/// <summary>Bind mounts, named and anonymous volumes, copy-up, --volumes-from, --mount, tmpfs, inspect.</summary>
public sealed class VolumeTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    private string HostDir()
    {
        var dir = Path.Combine(Daemon.Root, "host-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public async Task A_bind_mount_is_the_same_directory_both_ways_and_hides_the_image_path()
    {
        var host = HostDir();
        await File.WriteAllTextAsync(Path.Combine(host, "h.txt"), "from-host\n");
        Assert.Equal("from-host\n", (await DockerAsync("run", "--rm", "-v", $"{host}:/etc", "busybox", "cat", "/etc/h.txt")).Ok().Stdout);
        Assert.NotEqual(0, (await DockerAsync("run", "--rm", "-v", $"{host}:/etc", "busybox", "test", "-e", "/etc/passwd")).ExitCode);
        (await DockerAsync("run", "--rm", "-v", $"{host}:/data", "busybox", "sh", "-c", "echo from-container > /data/c.txt")).Ok();
        Assert.Equal("from-container\n", await File.ReadAllTextAsync(Path.Combine(host, "c.txt")));
        var ro = await DockerAsync("run", "--rm", "-v", $"{host}:/data:ro", "busybox", "sh", "-c", "echo x > /data/x");
        Assert.NotEqual(0, ro.ExitCode);
        Assert.Contains("Read-only file system", ro.Stderr);
        (await DockerAsync("run", "--rm", "-v", $"{host}:/a", "-v", $"{host}:/b", "busybox", "test", "-e", "/b/h.txt")).Ok();
    }

    [Fact]
    public async Task The_seeds_host_directory_pattern_creates_a_missing_host_path()
    {
        var missing = Path.Combine(HostDir(), "wordpress_db");
        (await DockerAsync("run", "--rm", "-v", $"{missing}:/var/lib/mysql", "busybox", "sh", "-c", "echo db > /var/lib/mysql/ibdata")).Ok();
        Assert.Equal("db\n", await File.ReadAllTextAsync(Path.Combine(missing, "ibdata")));
        var refused = await DockerAsync("run", "--rm", "--mount", $"type=bind,source={missing}-nope,target=/x", "busybox", "true");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("bind source path does not exist", refused.Stderr);
    }

    [Fact]
    public async Task Named_volumes_keep_data_are_listed_inspected_and_refuse_removal_in_use()
    {
        var volume = Name("vol");
        (await DockerAsync("volume", "create", "--name", volume)).Ok();
        Assert.Contains(volume, (await DockerAsync("volume", "ls")).Ok().Stdout);
        var raw = (await DockerAsync("inspect", "--type", "volume", volume)).Ok().Stdout;
        using (var doc = JsonDocument.Parse(raw))
        {
            var v = doc.RootElement[0];
            Assert.Equal("local", v.GetProperty("Driver").GetString());
            Assert.Equal("local", v.GetProperty("Scope").GetString());
            Assert.EndsWith($"/volumes/{volume}/_data", v.GetProperty("Mountpoint").GetString());
        }

        (await DockerAsync("run", "--rm", "-v", $"{volume}:/root/", "busybox", "sh", "-c", "echo kept > /root/k.txt")).Ok();
        Assert.Equal("kept\n", (await DockerAsync("run", "--rm", "-v", $"{volume}:/root/", "busybox", "cat", "/root/k.txt")).Ok().Stdout);

        var user = Name("user");
        (await DockerAsync("run", "-d", "--name", user, "-v", $"{volume}:/vol", "busybox", "sleep", "300")).Ok();
        var inUse = await DockerAsync("volume", "rm", volume);
        Assert.Contains("volume is in use", inUse.Stderr);
        Assert.Equal(volume, (await DockerAsync("container", "inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", user)).Ok().Stdout.Trim());
        Assert.Contains(user, (await DockerAsync("ps", "--filter", "volume=" + volume, "--format", "{{.Names}}")).Stdout);
        (await DockerAsync("rm", "-f", user)).Ok();
        Assert.Equal("kept\n", (await DockerAsync("run", "--rm", "-v", $"{volume}:/v", "busybox", "cat", "/v/k.txt")).Ok().Stdout);
        (await DockerAsync("volume", "rm", volume)).Ok();
        Assert.Contains("no such volume", (await DockerAsync("volume", "inspect", volume)).Stderr);
    }

    [Fact]
    public async Task A_new_volume_over_image_content_is_filled_first_keeping_ownership()
    {
        var volume = Name("copy");
        Assert.Equal("root\n", (await DockerAsync("run", "--rm", "-v", $"{volume}:/etc", "busybox", "sh", "-c", "grep -o ^root /etc/passwd")).Ok().Stdout);
        var owner = (await DockerAsync("run", "--rm", "-v", $"{volume}:/data", "busybox", "stat", "-c", "%U %a", "/data")).Ok().Stdout;
        Assert.Equal("root 755\n", owner);
        var tmp = Name("tmpmode");
        Assert.Equal("1777\n", (await DockerAsync("run", "--rm", "-v", $"{tmp}:/tmp", "busybox", "stat", "-c", "%a", "/tmp")).Ok().Stdout);
        (await DockerAsync("volume", "rm", volume, tmp)).Ok();
    }

    [Fact]
    public async Task Anonymous_volumes_are_named_and_removed_with_rm_v()
    {
        var name = Name("anon");
        (await DockerAsync("run", "--name", name, "-v", "/anon", "busybox", "sh", "-c", "echo a > /anon/f")).Ok();
        var volume = (await DockerAsync("inspect", "-f", "{{range .Mounts}}{{.Name}}{{end}}", name)).Ok().Stdout.Trim();
        Assert.Matches("^[0-9a-f]{64}$", volume);
        Assert.Contains(volume, (await DockerAsync("volume", "ls", "-q")).Stdout);
        (await DockerAsync("rm", "-v", name)).Ok();
        Assert.DoesNotContain(volume, (await DockerAsync("volume", "ls", "-q")).Stdout);

        var before = (await DockerAsync("volume", "ls", "-q")).Stdout;
        (await DockerAsync("run", "--rm", "-v", "/anon", "busybox", "true")).Ok();
        Assert.Equal(before, (await DockerAsync("volume", "ls", "-q")).Stdout);
    }

    [Fact]
    public async Task Volumes_from_gives_all_volumes_and_binds_of_another_container_in_chains()
    {
        var host = HostDir();
        await File.WriteAllTextAsync(Path.Combine(host, "h.txt"), "from-host\n");
        var volume = Name("shared");
        var a = Name("a");
        (await DockerAsync("create", "--name", a, "-v", $"{host}:/shared", "-v", $"{volume}:/vol", "busybox")).Ok();
        (await DockerAsync("run", "--rm", "--volumes-from", a, "busybox", "sh", "-c", "echo one >> /vol/log")).Ok();
        var b = Name("b");
        (await DockerAsync("create", "--name", b, "--volumes-from", a, "busybox")).Ok();
        var chained = (await DockerAsync("run", "--rm", "--volumes-from", b, "busybox", "sh", "-c", "echo two >> /vol/log; cat /vol/log /shared/h.txt")).Ok();
        Assert.Equal("one\ntwo\nfrom-host\n", chained.Stdout);
        var ro = await DockerAsync("run", "--rm", "--volumes-from", a + ":ro", "busybox", "sh", "-c", "echo x >> /vol/log");
        Assert.NotEqual(0, ro.ExitCode);
        var missing = await DockerAsync("run", "--rm", "--volumes-from", "it-nosuch-container", "busybox", "true");
        Assert.Contains("No such container", missing.Stderr);
        (await DockerAsync("rm", a, b)).Ok();
        (await DockerAsync("volume", "rm", volume)).Ok();
    }

    [Fact]
    public async Task Mount_flag_and_tmpfs()
    {
        var volume = Name("mnt");
        (await DockerAsync("run", "--rm", "--mount", $"type=volume,source={volume},target=/m", "busybox", "sh", "-c", "echo v > /m/f")).Ok();
        Assert.Equal("v\n", (await DockerAsync("run", "--rm", "--mount", $"type=volume,source={volume},target=/m,readonly", "busybox", "cat", "/m/f")).Ok().Stdout);
        Assert.Contains("tmpfs", (await DockerAsync("run", "--rm", "--tmpfs", "/scratch", "busybox", "sh", "-c", "grep /scratch /proc/mounts")).Ok().Stdout);
        Assert.Contains("tmpfs", (await DockerAsync("run", "--rm", "--mount", "type=tmpfs,target=/t", "busybox", "sh", "-c", "grep ' /t ' /proc/mounts")).Ok().Stdout);
        var tmpfsVolume = Name("tmpvol");
        (await DockerAsync("volume", "create", "-o", "type=tmpfs", "-o", "device=tmpfs", "-o", "o=size=1m", tmpfsVolume)).Ok();
        Assert.Contains("tmpfs", (await DockerAsync("run", "--rm", "-v", $"{tmpfsVolume}:/tv", "busybox", "sh", "-c", "grep ' /tv ' /proc/mounts")).Ok().Stdout);
        (await DockerAsync("volume", "rm", volume, tmpfsVolume)).Ok();
    }

    [Fact]
    public async Task Inspect_shows_mounts_as_docker_does()
    {
        var host = HostDir();
        var volume = Name("insp");
        var name = Name("mounts");
        (await DockerAsync("create", "--name", name, "-v", $"{host}:/h:ro", "-v", $"{volume}:/v", "busybox")).Ok();
        var json = (await DockerAsync("container", "inspect", "-f", "{{json .Mounts}}", name)).Ok().Stdout;
        using var doc = JsonDocument.Parse(json);
        var mounts = doc.RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("Destination").GetString()!);
        var bind = mounts["/h"];
        Assert.Equal("bind", bind.GetProperty("Type").GetString());
        Assert.Equal(host, bind.GetProperty("Source").GetString());
        Assert.Equal("ro", bind.GetProperty("Mode").GetString());
        Assert.False(bind.GetProperty("RW").GetBoolean());
        Assert.Equal("rprivate", bind.GetProperty("Propagation").GetString());
        var vol = mounts["/v"];
        Assert.Equal("volume", vol.GetProperty("Type").GetString());
        Assert.Equal(volume, vol.GetProperty("Name").GetString());
        Assert.Equal("local", vol.GetProperty("Driver").GetString());
        Assert.Equal("z", vol.GetProperty("Mode").GetString());
        Assert.True(vol.GetProperty("RW").GetBoolean());
        (await DockerAsync("rm", name)).Ok();
        (await DockerAsync("volume", "rm", volume)).Ok();
    }
}
