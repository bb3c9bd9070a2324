using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Berth.Cli.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 responder on a temporary Unix socket: it records every request (method,
/// target, headers, body) and answers through a handler, including 101 upgrades and answers whose
/// headers go out before their body (POST /wait).
/// </summary>
internal sealed class FakeDaemon : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<FakeRequest, FakeConnection, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentBag<Task> _connections = [];

    public FakeDaemon(Func<FakeRequest, FakeConnection, Task> handler)
    {
        _handler = handler;
        SocketPath = Path.Combine(Path.GetTempPath(), "berth-fake-" + Guid.NewGuid().ToString("N")[..8] + ".sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _accepting = AcceptAsync();
    }

    public string SocketPath { get; }

    public string Host => "unix://" + SocketPath;

    /// <summary>"METHOD /target" of every request, in arrival order.</summary>
    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["BERTH_HOST"] = Host, ["HOME"] = Path.GetTempPath() };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        File.Delete(SocketPath);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptAsync(_stop.Token);
            _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var connection = new FakeConnection(socket);
        try
        {
            while (await connection.ReadRequestAsync() is { } request)
            {
                Requests.Enqueue(request);
                await _handler(request, connection);
                if (connection.Hijacked || connection.Closed)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // the client went away
        }
        finally
        {
            socket.Dispose();
        }
    }
}

internal sealed record FakeRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Path => Target.Split('?')[0];

    public override string ToString() => $"{Method} {Target}";
}

/// <summary>One client connection of the fake daemon: read requests, write answers, or take it over after a 101.</summary>
internal sealed class FakeConnection(Socket socket)
{
    private readonly List<byte> _buffer = [];

    public bool Hijacked { get; private set; }

    public bool Closed { get; private set; }

    public async Task<FakeRequest?> ReadRequestAsync()
    {
        var head = await ReadUntilAsync("\r\n\r\n"u8.ToArray());
        if (head is null)
        {
            return null;
        }

        var lines = Encoding.ASCII.GetString(head).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var body = "";
        if (headers.TryGetValue("Content-Length", out var length) && int.Parse(length, CultureInfo.InvariantCulture) is var n and > 0)
        {
            body = Encoding.UTF8.GetString(await ReadExactlyAsync(n));
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding == "chunked")
        {
            body = await ReadChunkedAsync();
        }

        return new FakeRequest(requestLine[0], requestLine[1], headers, body);
    }

    public Task RespondAsync(int status, string reason, string? json = null, string contentType = "application/json")
    {
        var body = json is null ? [] : Encoding.UTF8.GetBytes(json);
        var head = $"HTTP/1.1 {status} {reason}\r\nApi-Version: 1.44\r\nOstype: linux\r\n" +
                   (json is null ? "Content-Length: 0\r\n" : $"Content-Type: {contentType}\r\nContent-Length: {body.Length}\r\n") + "\r\n";
        return SendAsync([.. Encoding.ASCII.GetBytes(head), .. body]);
    }

    /// <summary>Status line and headers now (chunked), the body later through <see cref="SendChunkAsync"/>.</summary>
    public Task RespondHeadersAsync(int status, string reason, string contentType = "application/json") =>
        SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n"));

    public Task SendChunkAsync(string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        return SendAsync([.. Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), .. data, .. "\r\n"u8.ToArray()]);
    }

    public Task EndChunksAsync() => SendAsync("0\r\n\r\n"u8.ToArray());

    public Task SendRawAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public Task UpgradeAsync(string contentType)
    {
        Hijacked = true;
        return SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 UPGRADED\r\nContent-Type: {contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"));
    }

    /// <summary>One multiplexed frame: 1 stdout, 2 stderr.</summary>
    public Task SendFrameAsync(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var header = new byte[8];
        header[0] = stream;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)payload.Length);
        return SendAsync([.. header, .. payload]);
    }

    /// <summary>Reads what the client writes after the upgrade until it half-closes.</summary>
    public async Task<string> ReadToEndAsync()
    {
        var all = new List<byte>(_buffer);
        _buffer.Clear();
        var chunk = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(chunk, SocketFlags.None)) > 0)
        {
            all.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        return Encoding.UTF8.GetString([.. all]);
    }

    public void Close()
    {
        Closed = true;
        socket.Shutdown(SocketShutdown.Both);
    }

    private async Task SendAsync(byte[] data) => await socket.SendAsync(data, SocketFlags.None);

    private async Task<byte[]?> ReadUntilAsync(byte[] terminator)
    {
        var chunk = new byte[4096];
        while (true)
        {
            var index = IndexOf(_buffer, terminator);
            if (index >= 0)
            {
                var result = _buffer.GetRange(0, index).ToArray();
                _buffer.RemoveRange(0, index + terminator.Length);
                return result;
            }

            var read = await socket.ReceiveAsync(chunk, SocketFlags.None);
            if (read == 0)
            {
                return null;
            }

            _buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var chunk = new byte[4096];
        while (_buffer.Count < count)
        {
            var read = await socket.ReceiveAsync(chunk, SocketFlags.None);
            if (read == 0)
            {
                break;
            }

            _buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var result = _buffer.GetRange(0, Math.Min(count, _buffer.Count)).ToArray();
        _buffer.RemoveRange(0, result.Length);
        return result;
    }

    private async Task<string> ReadChunkedAsync()
    {
        var body = new List<byte>();
        while (await ReadUntilAsync("\r\n"u8.ToArray()) is { } sizeLine)
        {
            var size = int.Parse(Encoding.ASCII.GetString(sizeLine).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                await ReadUntilAsync("\r\n"u8.ToArray());
                break;
            }

            body.AddRange(await ReadExactlyAsync(size));
            await ReadExactlyAsync(2);
        }

        return Encoding.UTF8.GetString([.. body]);
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Count - needle.Length; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++)
            {
                match = haystack[i + j] == needle[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
