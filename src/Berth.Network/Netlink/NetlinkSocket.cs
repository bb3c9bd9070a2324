using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Berth.Network.Netlink;

/// <summary>Receives the payload (after the header) of one netlink message of a reply.</summary>
internal delegate void NetlinkMessageHandler(ushort type, ReadOnlySpan<byte> payload);

/// <summary>
/// A NETLINK_ROUTE socket. It belongs to the network namespace of the thread that created it, for its
/// whole life, whatever thread uses it later. Requests are synchronous: the kernel answers route
/// requests immediately, so a blocking recv never waits on anything but the kernel. Not thread-safe.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    private const int MaxDumpAttempts = 3;
    private readonly FdHandle _fd;
    private readonly byte[] _receive = new byte[64 * 1024];
    private uint _sequence = (uint)Environment.TickCount;

    private NetlinkSocket(FdHandle fd) => _fd = fd;

    /// <summary>Opens a socket in the calling thread's network namespace.</summary>
    public static unsafe NetlinkSocket Open()
    {
        var raw = Interop.Libc.socket(Interop.Libc.AF_NETLINK, Interop.Libc.SOCK_RAW | Interop.Libc.SOCK_CLOEXEC, Interop.Libc.NETLINK_ROUTE);
        if (raw < 0)
        {
            throw NetworkException.FromLastError("socket(AF_NETLINK)");
        }

        var fd = new FdHandle(raw);
        try
        {
            var one = 1;
            // Acks without the echoed request, and with the kernel's error text (extack) when it has one.
            _ = Interop.Libc.setsockopt(fd, Interop.Libc.SOL_NETLINK, Interop.Libc.NETLINK_CAP_ACK, &one, sizeof(int));
            _ = Interop.Libc.setsockopt(fd, Interop.Libc.SOL_NETLINK, Interop.Libc.NETLINK_EXT_ACK, &one, sizeof(int));
            var address = new Interop.Libc.SockaddrNl { Family = Interop.Libc.AF_NETLINK };
            if (Interop.Libc.bind(fd, &address, (uint)sizeof(Interop.Libc.SockaddrNl)) != 0)
            {
                throw NetworkException.FromLastError("bind(AF_NETLINK)");
            }

            return new NetlinkSocket(fd);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    /// <summary>Sends a request that changes something and waits for the kernel's acknowledgement.</summary>
    public void Execute(NetlinkMessageWriter request, string operation, string? subject) =>
        Exchange(request, operation, subject, static (_, _) => { });

    /// <summary>Sends a get request (single or dump) and hands every reply message to <paramref name="handler"/>.</summary>
    public void Query(NetlinkMessageWriter request, string operation, string? subject, NetlinkMessageHandler handler)
    {
        for (var attempt = 1; ; attempt++)
        {
            var interrupted = Exchange(request, operation, subject, handler);
            if (!interrupted || attempt == MaxDumpAttempts)
            {
                return;
            }
        }
    }

    public void Dispose() => _fd.Dispose();

    /// <returns>True when the kernel flagged the dump as interrupted by a concurrent change.</returns>
    private bool Exchange(NetlinkMessageWriter request, string operation, string? subject, NetlinkMessageHandler handler)
    {
        var sequence = ++_sequence;
        Send(request.Finish(sequence, Rtnl.NLM_F_ACK), operation, subject);

        var interrupted = false;
        while (true)
        {
            var received = Receive(operation, subject);
            var rest = _receive.AsSpan(0, received);
            while (rest.Length >= Unsafe.SizeOf<NlMsgHdr>())
            {
                var header = MemoryMarshal.Read<NlMsgHdr>(rest);
                if (header.Length < Unsafe.SizeOf<NlMsgHdr>() || header.Length > rest.Length)
                {
                    throw new NetworkException(Errno.EINVAL, operation, subject, "malformed netlink reply");
                }

                var payload = rest[Unsafe.SizeOf<NlMsgHdr>()..(int)header.Length];
                rest = rest[Math.Min(((int)header.Length + 3) & ~3, rest.Length)..];
                if (header.Sequence != sequence)
                {
                    continue;
                }

                interrupted |= (header.Flags & Rtnl.NLM_F_DUMP_INTR) != 0;
                switch (header.Type)
                {
                    case Rtnl.NLMSG_ERROR:
                        ThrowIfError(header, payload, operation, subject);
                        return interrupted;
                    case Rtnl.NLMSG_DONE:
                        ThrowIfError(header, payload, operation, subject);
                        return interrupted;
                    default:
                        handler(header.Type, payload);
                        break;
                }
            }
        }
    }

    private static void ThrowIfError(NlMsgHdr header, ReadOnlySpan<byte> payload, string operation, string? subject)
    {
        var error = payload.Length >= 4 ? MemoryMarshal.Read<int>(payload) : 0;
        if (error == 0)
        {
            return;
        }

        string? detail = null;
        // With NETLINK_CAP_ACK the error is followed by the request's header only, then the TLVs.
        var tlvStart = 4 + Unsafe.SizeOf<NlMsgHdr>();
        if (header.Type == Rtnl.NLMSG_ERROR && (header.Flags & Rtnl.NLM_F_ACK_TLVS) != 0 && payload.Length > tlvStart)
        {
            var attributes = new NetlinkAttributes(payload[tlvStart..]);
            while (attributes.TryRead(out var type, out var value))
            {
                if (type == Rtnl.NLMSGERR_ATTR_MSG)
                {
                    detail = NetlinkAttributes.ReadString(value);
                }
            }
        }

        throw new NetworkException(-error, operation, subject, detail);
    }

    private unsafe void Send(ReadOnlySpan<byte> message, string operation, string? subject)
    {
        fixed (byte* pointer = message)
        {
            while (true)
            {
                var sent = Interop.Libc.send(_fd, pointer, (nuint)message.Length, 0);
                if (sent >= 0)
                {
                    return;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw new NetworkException(errno, operation, subject);
                }
            }
        }
    }

    private unsafe int Receive(string operation, string? subject)
    {
        fixed (byte* pointer = _receive)
        {
            while (true)
            {
                var received = Interop.Libc.recv(_fd, pointer, (nuint)_receive.Length, Interop.Libc.MSG_TRUNC);
                if (received > _receive.Length)
                {
                    throw new NetworkException(Errno.EINVAL, operation, subject, "netlink reply larger than the receive buffer");
                }

                if (received >= 0)
                {
                    return (int)received;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Errno.EINTR)
                {
                    throw new NetworkException(errno, operation, subject);
                }
            }
        }
    }
}
