using System.Buffers;
using System.Text;

namespace Berth.Api.Hijack;

/// <summary>The request line and headers of an HTTP/1.1 request, parsed from raw connection bytes.</summary>
public sealed class RequestHead
{
    private const int MaxHeadBytes = 64 * 1024;

    private RequestHead(string method, string target, Dictionary<string, string> headers, long length)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Length = length;
    }

    public string Method { get; }

    /// <summary>Path and query as sent (e.g. /v1.44/containers/x/attach?stream=1).</summary>
    public string Target { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Bytes of the head including the blank line.</summary>
    public long Length { get; }

    public string Path => Target.Split('?', 2)[0];

    public string Query => Target.Contains('?', StringComparison.Ordinal) ? Target[(Target.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public long ContentLength => long.TryParse(Header("Content-Length"), out var n) ? n : 0;

    public bool WantsUpgrade =>
        (Header("Connection")?.Contains("upgrade", StringComparison.OrdinalIgnoreCase) ?? false) && Header("Upgrade") is not null;

    /// <summary>Reads the request line only, to decide quickly whether this connection is ours.</summary>
    public static bool TryReadRequestLine(ReadOnlySequence<byte> buffer, out string method, out string target)
    {
        method = target = "";
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            return false;
        }

        var parts = Encoding.ASCII.GetString(line).TrimEnd('\r').Split(' ');
        if (parts.Length != 3)
        {
            method = "?";
            return true;
        }

        method = parts[0];
        target = parts[1];
        return true;
    }

    /// <summary>
    /// Parses the whole head once the blank line has arrived; null while incomplete. Lines may end in a
    /// bare LF: Docker.DotNet separates its headers that way.
    /// </summary>
    public static RequestHead? TryParse(ReadOnlySequence<byte> buffer)
    {
        var bytes = buffer.Length > MaxHeadBytes ? buffer.Slice(0, MaxHeadBytes).ToArray() : buffer.ToArray();
        var end = HeadEnd(bytes);
        if (end < 0)
        {
            if (buffer.Length > MaxHeadBytes)
            {
                throw new InvalidDataException("request head too large");
            }

            return null;
        }

        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            throw new InvalidDataException("malformed request line");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new RequestHead(requestLine[0], requestLine[1], headers, end);
    }

    /// <summary>The length of the head including its blank line (an empty line after LF or CRLF), or -1.</summary>
    private static int HeadEnd(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n')
            {
                continue;
            }

            if (i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n')
            {
                return i + 2;
            }

            if (i + 2 < bytes.Length && bytes[i + 1] == (byte)'\r' && bytes[i + 2] == (byte)'\n')
            {
                return i + 3;
            }
        }

        return -1;
    }
}
