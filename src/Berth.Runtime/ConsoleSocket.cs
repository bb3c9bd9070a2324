using System.Net.Sockets;
using Berth.Linux;

namespace Berth.Runtime;

/// <summary>
/// The --console-socket of an OCI runtime: a listening Unix socket the runtime connects to, sending the
/// pty master it made over SCM_RIGHTS. Kept under /run because socket paths are limited to 108 bytes.
/// </summary>
internal sealed class ConsoleSocket : IDisposable
{
    private const string Directory = "/run/berth-console";
    private readonly Socket _listener;

    public ConsoleSocket()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, Guid.NewGuid().ToString("N")[..16] + ".sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(1);
    }

    public string Path { get; }

    public async Task<ITerminal> ReceiveAsync(CancellationToken ct)
    {
        using var connection = await _listener.AcceptAsync(ct).ConfigureAwait(false);
        var master = await FdPassing.ReceiveAsync(connection, ct).ConfigureAwait(false);
        return new PtyTerminal(master);
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }
}
