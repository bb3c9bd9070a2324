using System.Buffers.Binary;
using Berth.Engine.Containers;

namespace Berth.Api.Http;

/// <summary>Docker's multiplexed stream frame: [stream, 0, 0, 0, size (uint32 BE)] then the payload.</summary>
public static class StreamFraming
{
    public const string RawStream = "application/vnd.docker.raw-stream";
    public const string MultiplexedStream = "application/vnd.docker.multiplexed-stream";

    /// <summary>One write per frame: header and payload together.</summary>
    public static byte[] Frame(StdStream stream, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = (byte)stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame.AsSpan(8));
        return frame;
    }

    /// <summary>Multiplexed (non-TTY) streams say so from API 1.42 on; older clients get raw-stream.</summary>
    public static string ContentType(bool tty, ApiVersion version) =>
        !tty && version >= new ApiVersion(1, 42) ? MultiplexedStream : RawStream;
}
