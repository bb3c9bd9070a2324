using System.Net.Sockets;
using Berth.Linux;

namespace Berth.Runtime.Cli;

/// <summary>
/// The --console-socket of an OCI runtime: a listening Unix socket the runtime connects to, sending the
/// pty master it made over SCM_RIGHTS. It lives in a directory only root may enter, so nobody else can
/// connect first and hand us a descriptor of their own.
/// </summary>
internal sealed class ConsoleSocket : IDisposable
{
    private const int MaxSocketPath = 107;
    private const string FallbackDirectory = "/run/berth-console";
    private readonly Socket _listener;

    public ConsoleSocket(string stateRoot)
    {
        var name = Guid.NewGuid().ToString("N")[..16] + ".sock";
        var directory = System.IO.Path.Combine(stateRoot, "console");
        if (directory.Length + 1 + name.Length > MaxSocketPath)
        {
            directory = FallbackDirectory;
        }

        Directory.CreateDirectory(directory);
        FileSystemMetadata.SetMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Path = System.IO.Path.Combine(directory, name);
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(Path));
        _listener.Listen(1);
    }

    public string Path { get; }

    /// <summary>
    /// Accepts the runtime's connection and takes the pty master from it. The runtime can connect and
    /// send before we accept (the connection waits in the backlog), so this may start after it exited.
    /// </summary>
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
