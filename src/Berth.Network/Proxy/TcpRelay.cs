using System.Buffers;
using System.Net.Sockets;

namespace Berth.Network.Proxy;

/// <summary>
/// Copies bytes both ways between two connected sockets with pooled buffers. End of stream on one side
/// becomes a half-close (shutdown of sending) on the other, so request/response protocols that close
/// their sending side first still get their answer; an error on either side closes both.
/// </summary>
internal static class TcpRelay
{
    private const int BufferSize = 64 * 1024;

    public static async Task RunAsync(Socket a, Socket b)
    {
        await Task.WhenAll(PumpAsync(a, b), PumpAsync(b, a)).ConfigureAwait(false);
        a.Dispose();
        b.Dispose();
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Closing both ends also wakes the other direction's pending receive.
            from.Dispose();
            to.Dispose();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
