using System.Buffers.Binary;
using System.Net;
using System.Text;
using Berth.Cli.Options;
using Berth.Cli.Streams;
using Berth.Client;
using Berth.Client.Streams;
using Berth.Client.Transport;

namespace Berth.Cli.Tests;

/// <summary>The client's pieces: host choice, version negotiation, query and filter encoding, stdcopy, errors.</summary>
public sealed class StreamAndClientTests
{
    [Fact]
    public async Task Stdcopy_sends_each_frame_to_its_stream()
    {
        var source = new MemoryStream([.. Frame(1, "out1\n"), .. Frame(2, "err\n"), .. Frame(1, "out2\n"), .. Frame(0, "in-as-out\n")]);
        var stdout = new MemoryStream();
        var stderr = new MemoryStream();

        await StdCopy.CopyAsync(new TrickleStream(source), stdout, stderr, CancellationToken.None);

        Assert.Equal("out1\nout2\nin-as-out\n", Encoding.UTF8.GetString(stdout.ToArray()));
        Assert.Equal("err\n", Encoding.UTF8.GetString(stderr.ToArray()));
    }

    [Fact]
    public async Task Stdcopy_stops_with_the_daemons_systemerr_message()
    {
        var source = new MemoryStream([.. Frame(1, "ok\n"), .. Frame(3, "log driver broke")]);

        var error = await Assert.ThrowsAsync<DaemonStreamException>(() => StdCopy.CopyAsync(source, new MemoryStream(), new MemoryStream(), CancellationToken.None));

        Assert.Equal("error from daemon in stream: log driver broke", error.Message);
    }

    [Fact]
    public void Filters_encode_in_the_map_form_with_sorted_keys()
    {
        var filters = new FilterArgs().Add("status", "exited").Add("label", "b=2").Add("label", "a=1").Add("label", "a=1");

        Assert.Equal("{\"label\":{\"a=1\":true,\"b=2\":true},\"status\":{\"exited\":true}}", filters.ToJson());
        Assert.Equal("{\"label\":{\"a\\u0026b\":true}}", new FilterArgs().Add("label", "a&b").ToJson());
    }

    [Fact]
    public void Query_strings_encode_as_gos_url_values()
    {
        var query = new QueryString().Set("tail", "all").Set("filters", "{\"a\":{\"b c\":true}}").SetFlag("stdout", true).SetFlag("stdin", false).Add("changes", "CMD [\"sh\"]");

        Assert.Equal("changes=CMD+%5B%22sh%22%5D&filters=%7B%22a%22%3A%7B%22b+c%22%3Atrue%7D%7D&stdout=1&tail=all", query.Encode());
        Assert.Equal("/images/myreg:5000/img/json", QueryString.EscapePath("/images/myreg:5000/img/json"));
        Assert.Equal("/containers/a%20b/json", QueryString.EscapePath("/containers/a b/json"));
    }

    [Theory]
    [InlineData(null, null, null, "unix:///run/berth/berth.sock")]
    [InlineData("unix:///flag.sock", "unix:///berth.sock", "unix:///docker.sock", "unix:///flag.sock")]
    [InlineData(null, "unix:///berth.sock", "unix:///docker.sock", "unix:///berth.sock")]
    [InlineData(null, null, "unix:///docker.sock", "unix:///docker.sock")]
    [InlineData(null, null, "tcp://10.0.0.1:2375", "unix:///run/berth/berth.sock")]
    [InlineData("/bare/path.sock", null, null, "unix:///bare/path.sock")]
    public void Host_comes_from_flag_then_berth_host_then_a_unix_docker_host(string? flag, string? berthHost, string? dockerHost, string expected)
    {
        var environment = new Dictionary<string, string?> { ["BERTH_HOST"] = berthHost, ["DOCKER_HOST"] = dockerHost };

        var host = DaemonHost.Resolve(flag is null ? [] : [flag], name => environment.GetValueOrDefault(name));

        Assert.Equal(expected, host.Url);
        Assert.Equal(expected["unix://".Length..], host.SocketPath);
    }

    [Fact]
    public void Tcp_hosts_are_refused()
    {
        Assert.Throws<ArgumentException>(() => DaemonHost.Parse("tcp://10.0.0.1:2375"));
    }

    [Theory]
    [InlineData("1.50", "1.44")]
    [InlineData("1.44", "1.44")]
    [InlineData("1.41", "1.41")]
    [InlineData("1.9", "1.9")]
    [InlineData("", "1.24")]
    [InlineData(null, "1.24")]
    public void Version_is_the_lower_of_the_daemons_and_ours(string? offered, string negotiated)
    {
        Assert.Equal(negotiated, ApiVersions.Negotiate(offered));
    }

    [Fact]
    public void Daemon_errors_read_the_message_field_or_the_raw_body()
    {
        Assert.Equal("Error response from daemon: No such container: x", DaemonException.FromDaemon(HttpStatusCode.NotFound, ApiTransport.ErrorText("application/json", "{\"message\":\"No such container: x\"}"u8.ToArray())).Message);
        Assert.Equal("Error response from daemon: plain text", DaemonException.FromDaemon(HttpStatusCode.InternalServerError, ApiTransport.ErrorText("text/plain", "plain text\n"u8.ToArray())).Message);
    }

    [Theory]
    [InlineData("ctrl-p,ctrl-q", new byte[] { 16, 17 })]
    [InlineData("ctrl-x,x", new byte[] { 24, (byte)'x' })]
    [InlineData("ctrl-@,ctrl-[,DEL", new byte[] { 0, 27, 127 })]
    public void Detach_keys_parse_like_moby_term(string keys, byte[] bytes)
    {
        Assert.Equal(bytes, DetachKeys.Parse(keys));
    }

    [Fact]
    public void Detach_keys_are_swallowed_and_broken_prefixes_passed_on()
    {
        var keys = new DetachKeys(DetachKeys.Default);

        var broken = keys.Scan([(byte)'a', 16, (byte)'b']);
        var detached = keys.Scan([(byte)'c', 16, 17, (byte)'d']);

        Assert.Equal(new byte[] { (byte)'a', 16, (byte)'b' }, broken.Forward);
        Assert.False(broken.Detached);
        Assert.Equal(new byte[] { (byte)'c' }, detached.Forward);
        Assert.True(detached.Detached);
    }

    [Theory]
    [InlineData("16m", 16L << 20)]
    [InlineData("2GB", 2L << 30)]
    [InlineData("1.5k", 1536L)]
    [InlineData("7", 7L)]
    public void Ram_sizes_parse_like_go_units(string text, long bytes) => Assert.Equal(bytes, MemorySize.Parse(text));

    [Theory]
    [InlineData("x", "invalid size: 'x'")]
    [InlineData("1q", "invalid suffix: 'q'")]
    [InlineData("1kbb", "invalid suffix: 'kbb'")]
    [InlineData("-1", "invalid size: '-1'")]
    public void Bad_ram_sizes_get_go_units_messages(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => MemorySize.Parse(text)).Message);

    [Theory]
    [InlineData("1h30m", 5_400_000_000_000L)]
    [InlineData("500ms", 500_000_000L)]
    [InlineData("2.5s", 2_500_000_000L)]
    [InlineData("0", 0L)]
    public void Durations_parse_like_go(string text, long nanoseconds) => Assert.Equal(nanoseconds, GoDuration.Parse(text));

    [Fact]
    public void Env_files_follow_dockers_kvfile_rules()
    {
        var lines = KeyValueFile.Parse("A=1\r\n  # c\n\nB\nC\n  E= spaced \n"u8.ToArray(), name => name == "B" ? "from-env" : null);

        Assert.Equal(["A=1", "B=from-env", "E= spaced "], lines);
        Assert.Throws<FormatException>(() => KeyValueFile.Parse("D = x\n"u8.ToArray(), null));
    }

    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = new byte[8];
        header[0] = stream;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)payload.Length);
        return [.. header, .. payload];
    }

    /// <summary>Hands out at most three bytes per read, so that headers and payloads arrive split.</summary>
    private sealed class TrickleStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 3));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer[..Math.Min(buffer.Length, 3)], cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
