using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Client.Transport;

namespace Berth.Client.Hijack;

/// <summary>
/// A connection taken over after <c>101 UPGRADED</c> (attach, exec start): the container's output
/// arrives on <see cref="Stream"/>, stdin is written to it, and <see cref="CloseWrite"/> half-closes
/// our side when stdin ends while the daemon keeps sending until it closes.
/// </summary>
public sealed class HijackedConnection : IAsyncDisposable, IDisposable
{
    private const int MaxHeadLength = 64 * 1024;

    private readonly Socket _socket;

    private HijackedConnection(Socket socket, ReadOnlyMemory<byte> alreadyRead, string? contentType)
    {
        _socket = socket;
        ContentType = contentType;
        Stream = new HijackedStream(new NetworkStream(socket, ownsSocket: false), alreadyRead);
    }

    /// <summary>The 101's Content-Type: raw-stream (TTY) or multiplexed-stream.</summary>
    public string? ContentType { get; }

    /// <summary>Reads the daemon's output; writes go to the container's stdin.</summary>
    public Stream Stream { get; }

    /// <summary>Sends EOF for stdin (shutdown of our write side); reading goes on.</summary>
    public void CloseWrite()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // the daemon already closed the connection: nothing left to tell it
        }
        catch (ObjectDisposedException)
        {
            // closed by the other side of the program already
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal static async Task<HijackedConnection> OpenAsync(DaemonHost host, string target, string contentType, byte[]? body, string userAgent, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(host.SocketPath), ct).ConfigureAwait(false);
            var head = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"POST {target} HTTP/1.1\r\n")
                .Append("Host: api.moby.localhost\r\n")
                .Append(CultureInfo.InvariantCulture, $"User-Agent: {userAgent}\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {body?.Length ?? 0}\r\n")
                .Append("Connection: Upgrade\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Type: {contentType}\r\n")
                .Append("Upgrade: tcp\r\n\r\n")
                .ToString();
            var request = Encoding.ASCII.GetBytes(head);
            await socket.SendAsync(request, SocketFlags.None, ct).ConfigureAwait(false);
            if (body is { Length: > 0 })
            {
                await socket.SendAsync(body, SocketFlags.None, ct).ConfigureAwait(false);
            }

            var (response, rest) = await ReadHeadAsync(socket, ct).ConfigureAwait(false);
            if (response.Status == (int)HttpStatusCode.SwitchingProtocols)
            {
                return new HijackedConnection(socket, rest, response.Header("Content-Type"));
            }

            var message = response.Status >= 400
                ? await ErrorAsync(socket, response, rest, ct).ConfigureAwait(false)
                : new DaemonException((HttpStatusCode)response.Status, $"unable to upgrade to tcp, received {response.Status}");
            socket.Dispose();
            throw message;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<(ResponseHead Head, ReadOnlyMemory<byte> Remainder)> ReadHeadAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        var length = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = ResponseHead.Parse(Encoding.ASCII.GetString(buffer, 0, end));
                return (head, buffer.AsMemory(end + 4, length - end - 4));
            }

            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxHeadLength)
                {
                    throw new IOException("the daemon's response head is too long");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the daemon closed the connection before answering");
            }

            length += read;
        }
    }

    private static async Task<DaemonException> ErrorAsync(Socket socket, ResponseHead head, ReadOnlyMemory<byte> rest, CancellationToken ct)
    {
        var body = new MemoryStream();
        body.Write(rest.Span);
        var expected = int.TryParse(head.Header("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var buffer = new byte[4096];
        while (expected < 0 || body.Length < expected)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            body.Write(buffer, 0, read);
        }

        var bytes = body.ToArray();
        if (string.Equals(head.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            bytes = Dechunk(bytes);
        }

        var mediaType = head.Header("Content-Type")?.Split(';')[0].Trim();
        return DaemonException.FromDaemon((HttpStatusCode)head.Status, ApiTransport.ErrorText(mediaType, bytes));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(position).IndexOf("\r\n"u8);
            if (lineEnd < 0 || !int.TryParse(Encoding.ASCII.GetString(chunked, position, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }

            position += lineEnd + 2;
            output.Write(chunked, position, Math.Min(size, chunked.Length - position));
            position += size + 2;
        }

        return output.ToArray();
    }

    private sealed record ResponseHead(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers)
    {
        public string? Header(string name) =>
            Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

        public static ResponseHead Parse(string text)
        {
            var lines = text.Split("\r\n");
            var statusParts = lines[0].Split(' ', 3);
            if (statusParts.Length < 2 || !int.TryParse(statusParts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                throw new IOException($"malformed HTTP status line from the daemon: {lines[0]}");
            }

            var headers = new List<KeyValuePair<string, string>>();
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
                }
            }

            return new ResponseHead(status, headers);
        }
    }
}
