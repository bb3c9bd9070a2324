using System.Net;
using System.Text.Json;
using Berth.IntegrationTests.Support;

namespace Berth.IntegrationTests.Foundation;

/// <summary>Bad input gets a 4xx with a JSON message (Content-Type exactly application/json) and changes nothing.</summary>
public sealed class BadInputTests(DaemonFixture daemon) : IntegrationTest(daemon)
{
    [Theory]
    [InlineData("{not json", HttpStatusCode.BadRequest)]
    [InlineData("""{"Image":"busybox","Cmd":42}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"Image":"busybox","HostConfig":{"Memory":"lots"}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"Image":"it-no-such-image"}""", HttpStatusCode.NotFound)]
    [InlineData("""{"Image":"busybox","HostConfig":{"Memory":1024}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"Image":"busybox","HostConfig":{"RestartPolicy":{"Name":"always"},"AutoRemove":true}}""", HttpStatusCode.BadRequest)]
    public async Task Create_with_bad_input_is_refused_and_leaves_nothing(string body, HttpStatusCode expected)
    {
        var before = (await DockerAsync("ps", "-aq")).Stdout;
        using var http = RawHttp.Client(Daemon.Socket);
        using var response = await http.PostAsync("/v1.44/containers/create", RawHttp.JsonBody(body));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("message").GetString()));
        Assert.Equal(before, (await DockerAsync("ps", "-aq")).Stdout);
    }

    [Theory]
    [InlineData("bad name!")]
    [InlineData("-leadingdash")]
    public async Task An_invalid_name_is_refused(string name)
    {
        var result = await DockerAsync("create", "--name", name, "busybox");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Invalid container name", result.Stderr);
    }

    [Fact]
    public async Task Unknown_routes_and_versions_get_dockers_answers()
    {
        using var http = RawHttp.Client(Daemon.Socket);
        using var missing = await http.GetAsync("/v1.44/no/such/route");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("page not found", await missing.Content.ReadAsStringAsync());
        using var old = await http.GetAsync("/v1.12/version");
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        Assert.Contains("client version 1.12 is too old", await old.Content.ReadAsStringAsync());
        using var ping = await http.GetAsync("/_ping");
        Assert.Equal("1.44", ping.Headers.GetValues("Api-Version").Single());
        Assert.Equal("OK", await ping.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Starting_a_running_container_is_304_and_stopping_a_stopped_one_too()
    {
        var name = Name("notmod");
        (await DockerAsync("run", "-d", "--name", name, "busybox", "sleep", "300")).Ok();
        using var http = RawHttp.Client(Daemon.Socket);
        using var start = await http.PostAsync($"/v1.44/containers/{name}/start", null);
        Assert.Equal(HttpStatusCode.NotModified, start.StatusCode);
        (await DockerAsync("stop", "-t", "0", name)).Ok();
        using var stop = await http.PostAsync($"/v1.44/containers/{name}/stop", null);
        Assert.Equal(HttpStatusCode.NotModified, stop.StatusCode);
        (await DockerAsync("rm", name)).Ok();
    }
}
