using System.Text.Json;
using Berth.Api.Contracts.Json;
using Berth.Client.Json;
using Berth.Cli.Cli;
using Berth.Cli.Commands.Container;
using Berth.Cli.Options;

namespace Berth.Cli.Tests;

/// <summary>run flags → the ContainerCreateRequest body, compared with what docker CLI 28.2.2 sent (docker-cli-transcripts.txt).</summary>
public sealed class CreateRequestTests
{
    [Fact]
    public void Ports_links_binds_and_env_map_as_in_the_run_d_transcript()
    {
        var body = Request("-d", "-p", "80:80", "-p", "127.0.0.1:8080:80/udp", "-e", "K=V", "--link", "a:b", "-v", "/h:/c", "-v", "anon:/data", "--volumes-from", "c", "img");
        var host = body.GetProperty("HostConfig");

        AssertJson("""{"80/tcp":{},"80/udp":{}}""", body.GetProperty("ExposedPorts"));
        AssertJson("""["K=V"]""", body.GetProperty("Env"));
        AssertJson("null", body.GetProperty("Cmd"));
        AssertJson("{}", body.GetProperty("Volumes"));
        AssertJson("{}", body.GetProperty("Labels"));
        AssertJson("""["/h:/c","anon:/data"]""", host.GetProperty("Binds"));
        AssertJson("""{"80/tcp":[{"HostIp":"","HostPort":"80"}],"80/udp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]}""", host.GetProperty("PortBindings"));
        AssertJson("""["c"]""", host.GetProperty("VolumesFrom"));
        AssertJson("""["a:b"]""", host.GetProperty("Links"));
        AssertJson("""{"Name":"no","MaximumRetryCount":0}""", host.GetProperty("RestartPolicy"));
        AssertJson("[]", host.GetProperty("Dns"));
        AssertJson("[]", host.GetProperty("Ulimits"));
        AssertJson("-1", host.GetProperty("MemorySwappiness"));
        Assert.Equal("default", host.GetProperty("NetworkMode").GetString());
        AssertJson("null", body.GetProperty("NetworkingConfig").GetProperty("EndpointsConfig").GetProperty("default").GetProperty("Aliases"));
    }

    [Fact]
    public void Volumes_mounts_tmpfs_and_networks_map_as_in_the_run_v_transcript()
    {
        var body = Request("-d", "-h", "h1", "-p", "127.0.0.1::53/udp", "-P", "-v", "/data", "--mount", "type=volume,source=named,target=/n",
            "--mount", "type=bind,source=/tmp,target=/t,readonly", "--tmpfs", "/run:size=1m", "--network", "mynet", "--network-alias", "web",
            "--add-host", "db:10.0.0.5", "--dns", "1.1.1.1", "img");
        var host = body.GetProperty("HostConfig");

        Assert.Equal("h1", body.GetProperty("Hostname").GetString());
        AssertJson("""{"53/udp":{}}""", body.GetProperty("ExposedPorts"));
        AssertJson("""{"/data":{}}""", body.GetProperty("Volumes"));
        AssertJson("null", host.GetProperty("Binds"));
        AssertJson("""{"53/udp":[{"HostIp":"127.0.0.1","HostPort":""}]}""", host.GetProperty("PortBindings"));
        Assert.True(host.GetProperty("PublishAllPorts").GetBoolean());
        AssertJson("""[{"Type":"volume","Source":"named","Target":"/n"},{"Type":"bind","Source":"/tmp","Target":"/t","ReadOnly":true}]""", host.GetProperty("Mounts"));
        AssertJson("""{"/run":"size=1m"}""", host.GetProperty("Tmpfs"));
        Assert.Equal("mynet", host.GetProperty("NetworkMode").GetString());
        AssertJson("""["db:10.0.0.5"]""", host.GetProperty("ExtraHosts"));
        AssertJson("""["1.1.1.1"]""", host.GetProperty("Dns"));
        var endpoints = body.GetProperty("NetworkingConfig").GetProperty("EndpointsConfig");
        Assert.Equal(["mynet"], endpoints.EnumerateObject().Select(p => p.Name));
        AssertJson("""["web"]""", endpoints.GetProperty("mynet").GetProperty("Aliases"));
    }

    [Fact]
    public void Interactive_tty_sets_the_attach_flags_as_in_the_run_it_transcript()
    {
        var body = Request("-it", "--name", "x", "img", "sh");

        foreach (var field in new[] { "AttachStdin", "AttachStdout", "AttachStderr", "Tty", "OpenStdin", "StdinOnce" })
        {
            Assert.True(body.GetProperty(field).GetBoolean(), field);
        }

        AssertJson("""["sh"]""", body.GetProperty("Cmd"));
    }

    [Fact]
    public void Attach_flags_choose_the_streams()
    {
        var body = Request("-a", "STDERR", "img");

        Assert.False(body.GetProperty("AttachStdout").GetBoolean());
        Assert.True(body.GetProperty("AttachStderr").GetBoolean());
        Assert.False(body.GetProperty("AttachStdin").GetBoolean());
    }

    [Theory]
    [InlineData("16m", 16777216L)]
    [InlineData("1g", 1073741824L)]
    [InlineData("1.5GiB", 1610612736L)]
    [InlineData("512k", 524288L)]
    [InlineData("1000", 1000L)]
    [InlineData("64 mb", 67108864L)]
    public void Memory_sizes_are_binary_multiples(string size, long bytes)
    {
        Assert.Equal(bytes, Request("-m", size, "img").GetProperty("HostConfig").GetProperty("Memory").GetInt64());
    }

    [Theory]
    [InlineData("1.5", 1_500_000_000L)]
    [InlineData("2", 2_000_000_000L)]
    [InlineData("0.001", 1_000_000L)]
    [InlineData("3/2", 1_500_000_000L)]
    public void Cpus_become_nano_cpus(string cpus, long nano)
    {
        Assert.Equal(nano, Request("--cpus", cpus, "img").GetProperty("HostConfig").GetProperty("NanoCpus").GetInt64());
    }

    [Fact]
    public void Resource_and_security_flags_reach_the_host_config()
    {
        var host = Request("--pids-limit", "100", "--read-only", "--shm-size", "64m", "--cap-add", "NET_ADMIN", "--cap-drop", "ALL",
            "--security-opt", "no-new-privileges", "--privileged", "--init", "--runtime", "runc", "--restart", "on-failure:3",
            "--ulimit", "nofile=1024:2048", "--ulimit", "core=0", "--memory-swap", "-1", "--oom-score-adj", "-500", "img").GetProperty("HostConfig");

        Assert.Equal(100, host.GetProperty("PidsLimit").GetInt64());
        Assert.True(host.GetProperty("ReadonlyRootfs").GetBoolean());
        Assert.Equal(64L << 20, host.GetProperty("ShmSize").GetInt64());
        AssertJson("""["NET_ADMIN"]""", host.GetProperty("CapAdd"));
        AssertJson("""["ALL"]""", host.GetProperty("CapDrop"));
        AssertJson("""["no-new-privileges"]""", host.GetProperty("SecurityOpt"));
        Assert.True(host.GetProperty("Privileged").GetBoolean());
        Assert.True(host.GetProperty("Init").GetBoolean());
        Assert.Equal("runc", host.GetProperty("Runtime").GetString());
        AssertJson("""{"Name":"on-failure","MaximumRetryCount":3}""", host.GetProperty("RestartPolicy"));
        AssertJson("""[{"Name":"core","Soft":0,"Hard":0},{"Name":"nofile","Soft":1024,"Hard":2048}]""", host.GetProperty("Ulimits"));
        Assert.Equal(-1, host.GetProperty("MemorySwap").GetInt64());
        Assert.Equal(-500, host.GetProperty("OomScoreAdj").GetInt32());
    }

    [Fact]
    public void Env_files_come_first_and_bare_keys_take_the_callers_value()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var envFile = Path.Combine(directory.FullName, "env");
            File.WriteAllText(envFile, "\uFEFF# comment\n\n  FROM_FILE=yes\nSPACED= kept \nFROM_HOST\nNOT_SET\n");
            var labelFile = Path.Combine(directory.FullName, "labels");
            File.WriteAllText(labelFile, "b=2\na=1\n");
            var environment = new Dictionary<string, string> { ["FROM_HOST"] = "host-value", ["GREETING"] = "hi" };
            var body = Request(environment, "--env-file", envFile, "-e", "GREETING", "-e", "MISSING", "-e", "EMPTY=", "--label-file", labelFile, "-l", "tier=web", "img");

            AssertJson("""["FROM_FILE=yes","SPACED= kept ","FROM_HOST=host-value","GREETING=hi","MISSING","EMPTY="]""", body.GetProperty("Env"));
            AssertJson("""{"a":"1","b":"2","tier":"web"}""", body.GetProperty("Labels"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Entrypoint_workdir_user_stop_signal_and_timeout()
    {
        var body = Request("--entrypoint=", "-w", "/tmp", "-u", "nobody:nogroup", "--stop-signal", "SIGINT", "--stop-timeout", "5", "--expose", "8000-8001/udp", "img", "a", "b");

        AssertJson("""[""]""", body.GetProperty("Entrypoint"));
        Assert.Equal("/tmp", body.GetProperty("WorkingDir").GetString());
        Assert.Equal("nobody:nogroup", body.GetProperty("User").GetString());
        Assert.Equal("SIGINT", body.GetProperty("StopSignal").GetString());
        Assert.Equal(5, body.GetProperty("StopTimeout").GetInt32());
        AssertJson("""{"8000/udp":{},"8001/udp":{}}""", body.GetProperty("ExposedPorts"));
        AssertJson("""["a","b"]""", body.GetProperty("Cmd"));
    }

    [Fact]
    public void Absent_options_keep_dockers_defaults()
    {
        var body = Request("img");

        AssertJson("null", body.GetProperty("Entrypoint"));
        AssertJson("null", body.GetProperty("Env"));
        Assert.False(body.TryGetProperty("StopTimeout", out _));
        Assert.False(body.TryGetProperty("ExposedPorts", out _));
        AssertJson("null", body.GetProperty("HostConfig").GetProperty("Init"));
        AssertJson("""{"Type":"","Config":{}}""", body.GetProperty("HostConfig").GetProperty("LogConfig"));
    }

    [Theory]
    [InlineData("conflicting options: cannot specify both --restart and --rm", "--rm", "--restart", "always", "img")]
    [InlineData("invalid value: 101. Valid memory swappiness range is 0-100", "--memory-swappiness", "101", "img")]
    [InlineData("invalid proto: xyz", "-p", "80/xyz", "img")]
    [InlineData("invalid hostPort: x", "-p", "x:80", "img")]
    [InlineData("invalid restart policy format: maximum retry count must be an integer", "--restart", "on-failure:x", "img")]
    [InlineData("network-scoped aliases are only supported for user-defined networks", "--network-alias", "web", "img")]
    [InlineData("invalid spec: a::b: empty section between colons", "-v", "a::b", "img")]
    [InlineData("--pid: invalid PID mode", "--pid", "other", "img")]
    [InlineData("zz is not a valid mac address", "--mac-address", "zz", "img")]
    public void Bad_combinations_get_dockers_messages(string message, params string[] args)
    {
        var error = Assert.Throws<FormatException>(() => Request(args));

        Assert.Equal(message, error.Message);
    }

    private static JsonElement Request(params string[] args) => Request(new Dictionary<string, string>(), args);

    private static JsonElement Request(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var previous = FlagValidators.Environment;
        FlagValidators.Environment = name => environment.TryGetValue(name, out var value) ? value : null;
        try
        {
            var root = CommandTree.Build();
            var scan = FlagScanner.Scan(root, ["run", .. args]);
            Assert.Null(scan.FlagErrorText);
            var parse = CliRunner.Parse(root, scan);
            var run = (RunCommand)scan.Command;
            var request = new CreateRequestBuilder(parse, run.ContainerOptions, name => environment.TryGetValue(name, out var value) ? value : null)
                .Build(scan.Operands[0], [.. scan.Operands.Skip(1)], "linux");

            // what the client sends (the metadata-free writer) is what the daemon's full context would write
            var sent = JsonSerializer.Serialize(request, RequestJsonContext.Default.ContainerCreateRequest);
            Assert.Equal(JsonSerializer.Serialize(request, BerthJsonContext.Default.ContainerCreateRequest), sent);
            return JsonDocument.Parse(sent).RootElement.Clone();
        }
        finally
        {
            FlagValidators.Environment = previous;
        }
    }

    private static void AssertJson(string expected, JsonElement actual)
    {
        using var document = JsonDocument.Parse(expected);
        Assert.True(JsonElement.DeepEquals(document.RootElement, actual), $"expected {expected}, got {actual.GetRawText()}");
    }
}
