using Berth.Cli.Interop;
using Berth.Client.Hijack;
using Berth.Client.Streams;

namespace Berth.Cli.Streams;

/// <summary>
/// docker's hijackedIOStreamer: container output to our stdout/stderr (raw for a TTY, demultiplexed
/// otherwise), our stdin to the container, half-closing the connection when stdin ends. With a TTY
/// and stdin attached, the terminal goes raw and the detach keys are watched for.
/// </summary>
internal sealed class HijackedStreamer(
    HijackedConnection connection,
    Stream? input,
    Stream? output,
    Stream? error,
    bool tty,
    byte[] detachKeys,
    bool inputIsTerminal)
{
    /// <summary>Streams until the output ends (or the user detaches); returns true on a detach.</summary>
    public async Task<bool> StreamAsync(CancellationToken ct)
    {
        using var raw = input is not null && tty && inputIsTerminal ? TerminalIo.MakeRaw(TerminalIo.StdIn) : null;
        var outputDone = output is null && error is null ? null : CopyOutputAsync(raw, ct);
        var inputDone = CopyInputAsync(raw, ct);
        var first = outputDone is null ? inputDone : await Task.WhenAny(outputDone, inputDone).ConfigureAwait(false);
        if (first == inputDone && await inputDone.ConfigureAwait(false))
        {
            return true;
        }

        if (outputDone is not null)
        {
            await outputDone.ConfigureAwait(false);
        }

        return false;
    }

    private async Task<bool> CopyOutputAsync(TerminalState? raw, CancellationToken ct)
    {
        try
        {
            if (tty && output is not null)
            {
                await connection.Stream.CopyToAsync(new FlushingStream(output), ct).ConfigureAwait(false);
            }
            else
            {
                await StdCopy.CopyAsync(connection.Stream, output, error, ct).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // the daemon closed the connection: the output is over
        }
        finally
        {
            raw?.Dispose();
        }

        return false;
    }

    private async Task<bool> CopyInputAsync(TerminalState? raw, CancellationToken ct)
    {
        if (input is not null)
        {
            var keys = raw is not null ? new DetachKeys(detachKeys) : null;
            var buffer = new byte[32 * 1024];
            try
            {
                while (true)
                {
                    var read = await input.ReadAsync(buffer, ct).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    var (forward, detached) = keys?.Scan(buffer.AsSpan(0, read)) ?? (buffer[..read], false);
                    if (forward.Length > 0)
                    {
                        await connection.Stream.WriteAsync(forward, ct).ConfigureAwait(false);
                    }

                    if (detached)
                    {
                        raw?.Dispose();
                        return true;
                    }
                }
            }
            catch (IOException)
            {
                // the container's side went away; output copying reports the end
            }
            finally
            {
                raw?.Dispose();
            }
        }

        connection.CloseWrite();
        return false;
    }

    /// <summary>Terminal output must appear as it arrives.</summary>
    private sealed class FlushingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            inner.Flush();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
