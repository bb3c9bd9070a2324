using System.Buffers;
using System.Text;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Exec;
using Berth.Runtime;

namespace Berth.Api.Hijack;

/// <summary>
/// POST /exec/{id}/start over a hijacked connection: starts the process, streams its output, feeds
/// its stdin, and records the exit code before the connection closes (the CLI inspects right after).
/// </summary>
internal sealed class ExecStartHandler(BerthEngine engine)
{
    public async Task RunAsync(HijackedStream stream, ExecInstance exec, bool upgrade, ApiVersion version)
    {
        await stream.WriteHeadAsync(upgrade, version).ConfigureAwait(false);
        RunningProcess process;
        Task<int> completion;
        try
        {
            (process, completion) = await engine.Execs.StartAsync(exec.Id, detach: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (BerthException e)
        {
            // after the upgrade, moby reports a failed start in the stream itself
            await stream.WriteAsync(StdStream.Stdout, Encoding.UTF8.GetBytes(e.Message + "\r\n")).ConfigureAwait(false);
            await stream.CompleteAsync().ConfigureAwait(false);
            return;
        }

        using var clientGone = new CancellationTokenSource();
        var outputs = new List<Task>();
        if (process.Terminal is { } terminal)
        {
            outputs.Add(CopyAsync(terminal.Stream, StdStream.Stdout, stream));
        }
        else
        {
            if (process.Stdout is { } stdout)
            {
                outputs.Add(exec.Settings.AttachStdout ? CopyAsync(stdout, StdStream.Stdout, stream) : stdout.CopyToAsync(Stream.Null));
            }

            if (process.Stderr is { } stderr)
            {
                outputs.Add(exec.Settings.AttachStderr ? CopyAsync(stderr, StdStream.Stderr, stream) : stderr.CopyToAsync(Stream.Null));
            }
        }

        var stdin = process.Terminal?.Stream ?? process.Stdin;
        var escape = exec.Settings.Tty ? new EscapeScanner(DetachKeys.Parse(exec.Settings.DetachKeys)) : null;
        var input = exec.Settings.AttachStdin && stdin is not null
            ? StdinPump.RunAsync(stream.Input, () => Task.FromResult<Stream?>(stdin), escape, clientGone.Token)
            : null;

        var output = Task.WhenAll(outputs);
        if (input is not null && await Task.WhenAny(output, input).ConfigureAwait(false) == input)
        {
            if (await input.ConfigureAwait(false) == StdinPump.Outcome.Detached)
            {
                await clientGone.CancelAsync().ConfigureAwait(false);
                await stream.CompleteAsync().ConfigureAwait(false);
                return;
            }

            if (process.Terminal is null && process.Stdin is not null)
            {
                await process.Stdin.DisposeAsync().ConfigureAwait(false);
            }
        }

        await output.ConfigureAwait(false);
        await completion.ConfigureAwait(false);
        await clientGone.CancelAsync().ConfigureAwait(false);
        await process.DisposeAsync().ConfigureAwait(false);
        await stream.CompleteAsync().ConfigureAwait(false);
    }

    private static async Task CopyAsync(Stream source, StdStream kind, HijackedStream target)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(32 * 1024);
        try
        {
            while (true)
            {
                int n;
                try
                {
                    n = await source.ReadAsync(buffer).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    return;
                }

                if (n == 0 || !await target.WriteAsync(kind, buffer.AsMemory(0, n)).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
