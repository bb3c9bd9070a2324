using Berth.Linux;

namespace Berth.Runtime;

/// <summary>A pseudo-terminal master received from the runtime: one stream both ways, and resizing.</summary>
internal sealed class PtyTerminal : ITerminal
{
    private readonly SafeFdHandle _control;

    public PtyTerminal(SafeFdHandle master)
    {
        _control = master;
        Stream = new PollableStream(Descriptors.Duplicate(master), Descriptors.Duplicate(master));
    }

    public Stream Stream { get; }

    public void Resize(ushort rows, ushort columns) => TerminalSize.Set(_control, rows, columns);

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        _control.Dispose();
    }
}
