using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>Receives a descriptor sent with SCM_RIGHTS (how an OCI runtime hands over a pty master).</summary>
public static class FdPassing
{
    /// <summary>
    /// Waits for a message on a connected Unix socket and returns the first descriptor it carries
    /// (close-on-exec). Readiness comes from a zero-byte receive, which consumes nothing; the message
    /// itself is then read with a non-blocking recvmsg.
    /// </summary>
    public static async Task<SafeFdHandle> ReceiveAsync(Socket socket, CancellationToken ct)
    {
        while (true)
        {
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, ct).ConfigureAwait(false);
            var (fd, errno) = TryReceive(socket);
            if (fd >= 0)
            {
                return new SafeFdHandle(fd);
            }

            if (errno is not (Errno.EAGAIN or Errno.EINTR))
            {
                throw new LinuxException(errno, "recvmsg");
            }
        }
    }

    private static unsafe (int Fd, int Errno) TryReceive(Socket socket)
    {
        const int DataSize = 256;
        const int ControlSize = 64;
        var added = false;
        var handle = socket.SafeHandle;
        handle.DangerousAddRef(ref added);
        try
        {
            var data = stackalloc byte[DataSize];
            var control = stackalloc byte[ControlSize];
            var iov = new Interop.Libc.IoVec { Base = data, Length = DataSize };
            var message = new Interop.Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlSize };
            var n = Interop.Libc.recvmsg((int)handle.DangerousGetHandle(), &message, Interop.Libc.MSG_CMSG_CLOEXEC | Interop.Libc.MSG_DONTWAIT);
            if (n < 0)
            {
                return (-1, Marshal.GetLastPInvokeError());
            }

            var header = (Interop.Libc.CmsgHdr*)control;
            if (message.ControlLength < (nuint)sizeof(Interop.Libc.CmsgHdr) || header->Level != Interop.Libc.SOL_SOCKET || header->Type != Interop.Libc.SCM_RIGHTS)
            {
                // no descriptor: end of stream (the sender hung up) or a message of another kind
                return (-1, n == 0 ? Errno.EPIPE : Errno.EINVAL);
            }

            var fds = (int*)(control + sizeof(Interop.Libc.CmsgHdr));
            var count = (int)((header->Length - (nuint)sizeof(Interop.Libc.CmsgHdr)) / sizeof(int));
            for (var i = 1; i < count; i++)
            {
                Interop.Libc.close(fds[i]);
            }

            return (fds[0], 0);
        }
        finally
        {
            handle.DangerousRelease();
        }
    }
}
