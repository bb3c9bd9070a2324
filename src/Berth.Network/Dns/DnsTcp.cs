using System.Buffers.Binary;
using System.Net.Sockets;

namespace Berth.Network.Dns;

/// <summary>DNS over TCP framing: each message is preceded by its length as two big-endian bytes (RFC 1035 4.2.2).</summary>
internal static class DnsTcp
{
    public static async Task WriteAsync(Socket socket, ReadOnlyMemory<byte> message, CancellationToken ct)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed.AsMemory(2));
        await socket.SendAsync(framed, SocketFlags.None, ct).ConfigureAwait(false);
    }

    /// <summary>The next message, or null at end of stream.</summary>
    public static async Task<byte[]?> ReadAsync(Socket socket, CancellationToken ct)
    {
        var prefix = new byte[2];
        if (!await ReadExactlyAsync(socket, prefix, ct).ConfigureAwait(false))
        {
            return null;
        }

        var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
        return await ReadExactlyAsync(socket, message, ct).ConfigureAwait(false) ? message : null;
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken ct)
    {
        while (buffer.Length > 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            buffer = buffer[read..];
        }

        return true;
    }
}
