using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>Receives a descriptor sent with SCM_RIGHTS (how an OCI runtime hands over a pty master).</summary>
public static class FdPassing
{
    public static async Task<SafeFdHandle> ReceiveAsync(Socket socket, CancellationToken ct)
    {
        while (true)
        {
            // a zero-byte receive completes when data is there, without consuming it
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
        var added = false;
        var handle = socket.SafeHandle;
        handle.DangerousAddRef(ref added);
        try
        {
            var data = stackalloc byte[256];
            var control = stackalloc byte[64];
            var iov = new Interop.Libc.IoVec { Base = data, Length = 256 };
            var message = new Interop.Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = 64 };
            var n = Interop.Libc.recvmsg((int)handle.DangerousGetHandle(), &message, Interop.Libc.MSG_CMSG_CLOEXEC | Interop.Libc.MSG_DONTWAIT);
            if (n < 0)
            {
                return (-1, Marshal.GetLastPInvokeError());
            }

            var header = (Interop.Libc.CmsgHdr*)control;
            if (message.ControlLength < (nuint)sizeof(Interop.Libc.CmsgHdr) || header->Level != Interop.Libc.SOL_SOCKET || header->Type != Interop.Libc.SCM_RIGHTS)
            {
                return (-1, n == 0 ? Errno.EPIPE : Errno.EINVAL);
            }

            return (*(int*)(control + sizeof(Interop.Libc.CmsgHdr)), 0);
        }
        finally
        {
            handle.DangerousRelease();
        }
    }
}
