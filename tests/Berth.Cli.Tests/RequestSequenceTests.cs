using System.Text.Json;
using Berth.Cli.Tests.Support;

namespace Berth.Cli.Tests;

/// <summary>The requests run, rm and import send, as the docker CLI sends them, against a fake daemon.</summary>
public sealed class RequestSequenceTests
{
    private const string Id = "3f2a9c1b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd";

    [Fact]
    public async Task Run_creates_attaches_waits_then_starts_and_exits_with_the_wait_status()
    {
        var started = new TaskCompletionSource();
        var waitHeadersSent = false;
        var startCameAfterWaitHeaders = false;
        await using var daemon = new FakeDaemon(async (request, connection) =>
        {
            switch (request.Method, request.Path)
            {
                case ("HEAD", "/_ping"):
                    await connection.RespondAsync(200, "OK");
                    break;
                case ("POST", "/v1.44/containers/create"):
                    await connection.RespondAsync(201, "Created", $"{{\"Id\":\"{Id}\",\"Warnings\":[]}}");
                    break;
                case ("POST", $"/v1.44/containers/{Id}/attach"):
                    await connection.UpgradeAsync("application/vnd.docker.multiplexed-stream");
                    await started.Task;
                    await connection.SendFrameAsync(1, "hello-stdout\n");
                    await connection.SendFrameAsync(2, "hello-stderr\n");
                    await connection.ReadToEndAsync();
                    connection.Close();
                    break;
                case ("POST", $"/v1.44/containers/{Id}/wait"):
                    // held back a little: start must not be sent before these headers arrive
                    await Task.Delay(100);
                    waitHeadersSent = true;
                    await connection.RespondHeadersAsync(200, "OK");
                    await started.Task;
                    await connection.SendChunkAsync("{\"StatusCode\":7,\"Error\":null}\n");
                    await connection.EndChunksAsync();
                    break;
                case ("POST", $"/v1.44/containers/{Id}/start"):
                    startCameAfterWaitHeaders = waitHeadersSent;
                    await connection.RespondAsync(204, "No Content");
                    started.TrySetResult();
                    break;
                default:
                    await connection.RespondAsync(404, "Not Found", "{\"message\":\"page not found\"}");
                    break;
            }
        });

        var result = await CliHarness.RunAsync(daemon.Environment, "", "run", "--rm", "busybox", "echo", "hi");

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("hello-stdout\n", result.Stdout);
        Assert.Equal("hello-stderr\n", result.Stderr);
        Assert.True(startCameAfterWaitHeaders);
        Assert.Equal(
            [
                "HEAD /_ping",
                "POST /v1.44/containers/create",
                $"POST /v1.44/containers/{Id}/attach?stderr=1&stdout=1&stream=1",
                $"POST /v1.44/containers/{Id}/wait?condition=removed",
                $"POST /v1.44/containers/{Id}/start",
            ],
            daemon.Requests.Select(r => r.ToString()));

        var attach = daemon.Requests.Single(r => r.Path.EndsWith("/attach", StringComparison.Ordinal));
        Assert.Equal("Upgrade", attach.Headers["Connection"]);
        Assert.Equal("tcp", attach.Headers["Upgrade"]);

        var create = daemon.Requests.Single(r => r.Path.EndsWith("/create", StringComparison.Ordinal));
        Assert.Equal("application/json", create.Headers["Content-Type"]);
        using var body = JsonDocument.Parse(create.Body);
        Assert.Equal("busybox", body.RootElement.GetProperty("Image").GetString());
        Assert.Equal(["echo", "hi"], body.RootElement.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.RootElement.GetProperty("AttachStdout").GetBoolean());
        Assert.True(body.RootElement.GetProperty("HostConfig").GetProperty("AutoRemove").GetBoolean());
        Assert.Equal("default", body.RootElement.GetProperty("HostConfig").GetProperty("NetworkMode").GetString());
    }

    [Fact]
    public async Task Run_detached_waits_for_next_exit_starts_and_prints_the_full_id()
    {
        await using var daemon = new FakeDaemon(async (request, connection) =>
        {
            switch (request.Method, request.Path)
            {
                case ("HEAD", "/_ping"):
                    await connection.RespondAsync(200, "OK");
                    break;
                case ("POST", "/v1.44/containers/create"):
                    await connection.RespondAsync(201, "Created", $"{{\"Id\":\"{Id}\",\"Warnings\":[]}}");
                    break;
                case ("POST", $"/v1.44/containers/{Id}/wait"):
                    await connection.RespondHeadersAsync(200, "OK");
                    break;
                case ("POST", $"/v1.44/containers/{Id}/start"):
                    await connection.RespondAsync(204, "No Content");
                    break;
            }
        });

        var result = await CliHarness.RunAsync(daemon.Environment, "", "run", "-d", "--name", "web", "-p", "80:80", "busybox");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Id + "\n", result.Stdout);
        Assert.Equal(
            ["HEAD /_ping", "POST /v1.44/containers/create?name=web", $"POST /v1.44/containers/{Id}/wait?condition=next-exit", $"POST /v1.44/containers/{Id}/start"],
            daemon.Requests.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Run_of_a_missing_command_exits_127_with_dockers_message()
    {
        await using var daemon = new FakeDaemon(async (request, connection) =>
        {
            switch (request.Method, request.Path)
            {
                case ("HEAD", "/_ping"):
                    await connection.RespondAsync(200, "OK");
                    break;
                case ("POST", "/v1.44/containers/create"):
                    await connection.RespondAsync(201, "Created", $"{{\"Id\":\"{Id}\",\"Warnings\":[]}}");
                    break;
                case ("POST", $"/v1.44/containers/{Id}/wait"):
                    await connection.RespondHeadersAsync(200, "OK");
                    break;
                case ("POST", $"/v1.44/containers/{Id}/start"):
                    await connection.RespondAsync(400, "Bad Request", "{\"message\":\"exec: \\\"nosuch\\\": executable file not found in $PATH\"}");
                    break;
            }
        });

        var result = await CliHarness.RunAsync(daemon.Environment, "", "run", "-d", "busybox", "nosuch");

        Assert.Equal(127, result.ExitCode);
        Assert.Equal("berth: Error response from daemon: exec: \"nosuch\": executable file not found in $PATH\n\nRun 'berth run --help' for more information\n", result.Stderr);
    }

    [Fact]
    public async Task Remove_deletes_each_container_and_reports_the_missing_ones()
    {
        await using var daemon = new FakeDaemon(async (request, connection) =>
        {
            switch (request.Method, request.Path)
            {
                case ("HEAD", "/_ping"):
                    await connection.RespondAsync(200, "OK");
                    break;
                case ("DELETE", "/v1.44/containers/x"):
                    await connection.RespondAsync(204, "No Content");
                    break;
                default:
                    await connection.RespondAsync(404, "Not Found", "{\"message\":\"No such container: y\"}");
                    break;
            }
        });

        var forced = await CliHarness.RunAsync(daemon.Environment, "", "rm", "-f", "x", "y");
        var plain = await CliHarness.RunAsync(daemon.Environment, "", "rm", "-v", "y");

        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("x\n", forced.Stdout);
        Assert.Equal("Error response from daemon: No such container: y\n", forced.Stderr);
        Assert.Equal(1, plain.ExitCode);
        Assert.Equal("", plain.Stdout);
        Assert.Equal("Error response from daemon: No such container: y\n", plain.Stderr);
        var deletes = daemon.Requests.Where(r => r.Method == "DELETE").Select(r => r.Target).Order().ToList();
        Assert.Equal(["/v1.44/containers/x?force=1", "/v1.44/containers/y?force=1", "/v1.44/containers/y?v=1"], deletes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Import_streams_the_tar_chunked_and_prints_the_new_image_id(bool fromStdin)
    {
        const string Tar = "pretend-this-is-a-tarball";
        await using var daemon = new FakeDaemon(async (request, connection) =>
        {
            if (request.Path == "/_ping")
            {
                await connection.RespondAsync(200, "OK");
                return;
            }

            await connection.RespondAsync(200, "OK", $"{{\"status\":\"sha256:{Id}\"}}\r\n");
        });
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Tar, TestContext.Current.CancellationToken);

        var result = await CliHarness.RunAsync(daemon.Environment, fromStdin ? Tar : "", "import", "-m", "from tests", "-c", "CMD [\"sh\"]", fromStdin ? "-" : file, "myimg:1");
        File.Delete(file);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"sha256:{Id}\n", result.Stdout);
        var import = daemon.Requests.Last();
        Assert.Equal("POST /v1.44/images/create?changes=CMD+%5B%22sh%22%5D&fromSrc=-&message=from+tests&repo=myimg%3A1", import.ToString());
        Assert.Equal("text/plain", import.Headers["Content-Type"]);
        Assert.Equal("chunked", import.Headers["Transfer-Encoding"]);
        Assert.Equal(Tar, import.Body);
    }

    [Fact]
    public async Task The_api_version_is_the_lower_of_the_daemons_and_1_44()
    {
        await using var daemon = new FakeDaemon(async (request, connection) =>
        {
            if (request.Path == "/_ping")
            {
                await connection.SendRawAsync("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 0\r\n\r\n");
                return;
            }

            await connection.RespondAsync(200, "OK", "[]");
        });

        var result = await CliHarness.RunAsync(daemon.Environment, "", "ps", "-a");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("GET /v1.41/containers/json?all=1", daemon.Requests.Last().ToString());
    }

    [Fact]
    public async Task An_unreachable_daemon_is_reported_as_docker_reports_it()
    {
        var result = await CliHarness.RunAsync("ps");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Cannot connect to the Docker daemon at unix:///nonexistent/berth-test.sock. Is the docker daemon running?\n", result.Stderr);
    }
}
