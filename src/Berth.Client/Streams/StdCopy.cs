using System.Buffers.Binary;
using System.Text;

namespace Berth.Client.Streams;

/// <summary>
/// Splits a multiplexed (non-TTY) stream: each frame is an 8-byte header {type, 0, 0, 0, size
/// big-endian} and its payload; type 0/1 go to stdout, 2 to stderr, 3 (systemerr) ends the copy
/// with the daemon's error, as moby's stdcopy.StdCopy does.
/// </summary>
public static class StdCopy
{
    private const int HeaderLength = 8;

    public static async Task CopyAsync(Stream source, Stream? stdout, Stream? stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        var header = new byte[HeaderLength];
        var buffer = new byte[32 * 1024];
        while (true)
        {
            var headerRead = await ReadFullAsync(source, header, ct).ConfigureAwait(false);
            if (headerRead < HeaderLength)
            {
                return;
            }

            var kind = header[0];
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            var target = kind switch
            {
                0 or 1 => stdout,
                2 => stderr,
                3 => null,
                _ => throw new IOException($"Unrecognized input header: {kind}"),
            };

            if (kind == 3)
            {
                var message = new byte[size];
                var got = await ReadFullAsync(source, message, ct).ConfigureAwait(false);
                throw new DaemonStreamException("error from daemon in stream: " + Encoding.UTF8.GetString(message, 0, got));
            }

            var remaining = size;
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), ct).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                if (target is not null)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                }

                remaining -= read;
            }

            if (target is not null)
            {
                await target.FlushAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> ReadFullAsync(Stream source, byte[] into, CancellationToken ct)
    {
        var total = 0;
        while (total < into.Length)
        {
            var read = await source.ReadAsync(into.AsMemory(total), ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
