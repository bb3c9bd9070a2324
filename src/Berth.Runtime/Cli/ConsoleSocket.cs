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
    /// Takes the pty master from the runtime, once it has exited: it connects and sends before it starts
    /// the process, and its connection waits in the backlog until we accept. Null when it never sent one.
    /// </summary>
    public async Task<ITerminal?> ReceiveAsync()
    {
        if (!_listener.Poll(0, SelectMode.SelectRead))
        {
            return null;
        }

        using var connection = await _listener.AcceptAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            return new PtyTerminal(await FdPassing.ReceiveAsync(connection, CancellationToken.None).ConfigureAwait(false));
        }
        catch (LinuxException e) when (e.Errno == Errno.EPIPE)
        {
            // connected, then gone without sending
            return null;
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        File.Delete(Path);
    }
}
