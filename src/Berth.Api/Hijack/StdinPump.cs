using System.Buffers;
using System.IO.Pipelines;

namespace Berth.Api.Hijack;

/// <summary>Copies a hijacked client's input to a process's stdin, watching for detach keys on a TTY.</summary>
internal static class StdinPump
{
    public enum Outcome
    {
        /// <summary>The client half-closed (or closed) its side.</summary>
        EndOfInput,

        /// <summary>The client typed the detach sequence.</summary>
        Detached,
    }

    public static async Task<Outcome> RunAsync(PipeReader input, Func<Task<Stream?>> stdin, EscapeScanner? escape, CancellationToken ct)
    {
        Stream? target = null;
        try
        {
            while (true)
            {
                ReadResult result;
                try
                {
                    result = await input.ReadAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
                {
                    return Outcome.EndOfInput;
                }

                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    var (forward, detach) = escape is null ? (segment.ToArray(), false) : escape.Scan(segment.Span);
                    if (forward.Length > 0)
                    {
                        target ??= await stdin().ConfigureAwait(false);
                        if (target is not null)
                        {
                            try
                            {
                                await target.WriteAsync(forward, ct).ConfigureAwait(false);
                                await target.FlushAsync(ct).ConfigureAwait(false);
                            }
                            catch (IOException)
                            {
                                // the process closed its stdin or exited; keep reading for detach/EOF
                            }
                        }
                    }

                    if (detach)
                    {
                        input.AdvanceTo(buffer.End);
                        return Outcome.Detached;
                    }
                }

                input.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return Outcome.EndOfInput;
                }
            }
        }
        catch (ObjectDisposedException)
        {
            return Outcome.EndOfInput;
        }
    }
}
