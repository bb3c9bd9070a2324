using Berth.Linux;

namespace Berth.Runtime.Cli;

/// <summary>A pseudo-terminal master received from the runtime: one stream both ways, and resizing.</summary>
internal sealed class PtyTerminal : ITerminal
{
    private readonly SafeFdHandle _master;

    public PtyTerminal(SafeFdHandle master)
    {
        _master = master;

        // separate descriptors for reading and writing, so a pending read and a pending write can both wait in epoll
        Stream = new PollableStream(Descriptors.Duplicate(master), Descriptors.Duplicate(master));
    }

    public Stream Stream { get; }

    public void Resize(ushort rows, ushort columns) => TerminalSize.Set(_master, rows, columns);

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        _master.Dispose();
    }
}
