using System.Net.Sockets;

namespace Berth.Client;

/// <summary>The socket could not be reached: the daemon is not running, or the socket is not ours to use.</summary>
public sealed class DaemonUnreachableException : Exception
{
    public DaemonUnreachableException(DaemonHost host, Exception innerException)
        : base(Describe(host, innerException), innerException)
    {
    }

    private static string Describe(DaemonHost host, Exception error)
    {
        ArgumentNullException.ThrowIfNull(host);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AccessDenied })
            {
                return $"permission denied while trying to connect to the Docker daemon socket at {host.Url}: dial unix {host.SocketPath}: connect: permission denied";
            }
        }

        return $"Cannot connect to the Docker daemon at {host.Url}. Is the docker daemon running?";
    }
}
