using System.Buffers;
using System.Text;
using Berth.Api.Hijack;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Engine.Containers;

namespace Berth.Api.Tests;

public sealed class ProtocolTests
{
    [Theory]
    [InlineData("/v1.44/containers/json", "/containers/json", "1.44")]
    [InlineData("/v1.24/_ping", "/_ping", "1.24")]
    [InlineData("/containers/json", null, null)]
    [InlineData("/volumes/v1", null, null)]
    public void Version_prefix_is_stripped(string path, string? stripped, string? version)
    {
        Assert.Equal(stripped, RequestVersion.StripPrefix(path, out var v));
        Assert.Equal(version, v);
    }

    [Theory]
    [InlineData("1.12", "client version 1.12 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version")]
    [InlineData("1.99", "client version 1.99 is too new. Maximum supported API version is 1.52")]
    [InlineData("x", "invalid API version: x")]
    public void Versions_outside_the_range_are_refused(string version, string message) =>
        Assert.Equal(message, Assert.Throws<BerthException>(() => ApiVersion.Parse(version)).Message);

    [Fact]
    public void Multiplexed_frames_carry_stream_and_big_endian_size()
    {
        var frame = StreamFraming.Frame(StdStream.Stderr, "hi"u8);
        Assert.Equal(new byte[] { 2, 0, 0, 0, 0, 0, 0, 2, (byte)'h', (byte)'i' }, frame);
        Assert.Equal(StreamFraming.MultiplexedStream, StreamFraming.ContentType(false, new ApiVersion(1, 44)));
        Assert.Equal(StreamFraming.RawStream, StreamFraming.ContentType(false, new ApiVersion(1, 41)));
        Assert.Equal(StreamFraming.RawStream, StreamFraming.ContentType(true, new ApiVersion(1, 44)));
    }

    [Fact]
    public void Hijack_routes_are_recognised_with_and_without_versions()
    {
        Assert.Equal(new HijackRoute(HijackKind.Attach, "abc", "1.44"), HijackRoute.Match("POST", "/v1.44/containers/abc/attach?stream=1&stdout=1"));
        Assert.Equal(new HijackRoute(HijackKind.ExecStart, "e1", null), HijackRoute.Match("POST", "/exec/e1/start"));
        Assert.Null(HijackRoute.Match("GET", "/containers/abc/attach"));
        Assert.Null(HijackRoute.Match("POST", "/containers/abc/start"));
        Assert.Null(HijackRoute.Match("POST", "/containers/abc/attach/ws"));
    }

    [Fact]
    public void Request_heads_parse_once_complete()
    {
        var partial = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("POST /exec/x/start HTTP/1.1\r\nHost: y\r\n"));
        Assert.Null(RequestHead.TryParse(partial));
        var bytes = Encoding.ASCII.GetBytes("POST /v1.44/exec/x/start?a=1 HTTP/1.1\r\nHost: y\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 2\r\n\r\n{}");
        var head = RequestHead.TryParse(new ReadOnlySequence<byte>(bytes))!;
        Assert.Equal("POST", head.Method);
        Assert.Equal("/v1.44/exec/x/start", head.Path);
        Assert.Equal("a=1", head.Query);
        Assert.True(head.WantsUpgrade);
        Assert.Equal(2, head.ContentLength);
        Assert.Equal(bytes.Length - 2, head.Length);
    }

    [Fact]
    public void Request_heads_with_bare_line_feeds_parse_as_docker_dotnet_sends_them()
    {
        var bytes = Encoding.ASCII.GetBytes("POST /exec/abc/start HTTP/1.1\r\nUser-Agent: Docker.DotNet\nHost: s.sock:80\nContent-Length: 2\n\r\n{}");
        var head = RequestHead.TryParse(new ReadOnlySequence<byte>(bytes))!;
        Assert.Equal("/exec/abc/start", head.Path);
        Assert.False(head.WantsUpgrade);
        Assert.Equal(2, head.ContentLength);
        Assert.Equal(bytes.Length - 2, head.Length);
    }

    [Theory]
    [InlineData(null, new byte[] { 16, 17 })]
    [InlineData("ctrl-x,x", new byte[] { 24, (byte)'x' })]
    [InlineData("ctrl-@,ctrl-[", new byte[] { 0, 27 })]
    public void Detach_keys_parse(string? keys, byte[] expected) => Assert.Equal(expected, DetachKeys.Parse(keys));

    [Theory]
    [InlineData("ctrl-")]
    [InlineData("ctrl-ab")]
    [InlineData("xy")]
    public void Bad_detach_keys_are_refused(string keys) =>
        Assert.Equal($"Invalid detach keys ({keys}) provided", Assert.Throws<BerthException>(() => DetachKeys.Parse(keys)).Message);

    [Fact]
    public void Escape_scanner_holds_a_partial_sequence_and_releases_it_when_broken()
    {
        var scanner = new EscapeScanner([16, 17]);
        var (forward, detach) = scanner.Scan(new byte[] { (byte)'a', 16 });
        Assert.Equal(new byte[] { (byte)'a' }, forward);
        Assert.False(detach);
        (forward, detach) = scanner.Scan(new byte[] { (byte)'b' });
        Assert.Equal(new byte[] { 16, (byte)'b' }, forward);
        Assert.False(detach);
        (forward, detach) = scanner.Scan(new byte[] { (byte)'c', 16, 17, (byte)'d' });
        Assert.Equal(new byte[] { (byte)'c' }, forward);
        Assert.True(detach);
    }

}
