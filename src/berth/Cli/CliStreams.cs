using System.Text;
using Berth.Cli.Interop;

namespace Berth.Cli.Cli;

/// <summary>The process's standard streams, as bytes and as text, and whether each is a terminal.</summary>
internal sealed class CliStreams
{
    public CliStreams(Stream input, Stream output, Stream error, bool inputIsTerminal, bool outputIsTerminal)
    {
        InStream = input;
        OutStream = output;
        ErrStream = error;
        InIsTerminal = inputIsTerminal;
        OutIsTerminal = outputIsTerminal;
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Out = new StreamWriter(output, utf8, 4096, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
        Err = new StreamWriter(error, utf8, 1024, leaveOpen: true) { AutoFlush = true, NewLine = "\n" };
    }

    public Stream InStream { get; }

    public Stream OutStream { get; }

    public Stream ErrStream { get; }

    public TextWriter Out { get; }

    public TextWriter Err { get; }

    public bool InIsTerminal { get; }

    public bool OutIsTerminal { get; }

    public static CliStreams FromProcess() => new(
        new DescriptorStream(0, canWrite: false),
        new DescriptorStream(1, canWrite: true),
        new DescriptorStream(2, canWrite: true),
        TerminalIo.IsTerminal(TerminalIo.StdIn),
        TerminalIo.IsTerminal(TerminalIo.StdOut));
}
