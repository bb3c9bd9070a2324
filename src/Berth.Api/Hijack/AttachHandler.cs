using Berth.Api.Http;
using Berth.Engine;
using Berth.Engine.Containers;
using Berth.Engine.Logs;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Hijack;

/// <summary>
/// POST /containers/{id}/attach over a hijacked connection: replays the log (logs=1), streams the
/// container's output until its run ends, and feeds the client's input to its stdin (stdin=1) with
/// Docker's half-close rules and server-side detach keys for TTYs.
/// </summary>
internal sealed class AttachHandler(BerthEngine engine)
{
    public async Task RunAsync(HijackedStream stream, ContainerRecord container, IQueryCollection query, bool upgrade, ApiVersion version)
    {
        var containers = engine.Containers;
        var wantStdin = Bool(query, "stdin") && container.Config.OpenStdin;
        var wantStdout = Bool(query, "stdout");
        var wantStderr = Bool(query, "stderr");
        var escape = container.Config.Tty ? new EscapeScanner(DetachKeys.Parse(query["detachKeys"].ToString())) : null;

        using var feed = Bool(query, "stream") ? containers.StreamsOf(container.Id).Subscribe(wantStdout, wantStderr) : null;
        var logLength = containers.LogOf(container.Id).CurrentLength();
        containers.RecordAttach(container);
        await stream.WriteHeadAsync(upgrade, version).ConfigureAwait(false);

        if (Bool(query, "logs"))
        {
            var logQuery = new LogQuery(null, null, null, wantStdout, wantStderr);
            await foreach (var entry in LogReader.ReadAsync(containers.LogOf(container.Id).Path, logLength, logQuery, CancellationToken.None).ConfigureAwait(false))
            {
                await stream.WriteAsync(entry.Stream, entry.Line).ConfigureAwait(false);
            }
        }

        if (feed is null)
        {
            await stream.CompleteAsync().ConfigureAwait(false);
            return;
        }

        using var clientGone = new CancellationTokenSource();
        var output = PumpOutputAsync(stream, feed, clientGone.Token);
        var input = StdinPump.RunAsync(stream.Input, () => containers.StreamsOf(container.Id).StdinAsync(), escape, clientGone.Token);

        var first = await Task.WhenAny(output, input).ConfigureAwait(false);
        if (first == input)
        {
            var outcome = await input.ConfigureAwait(false);
            if (outcome == StdinPump.Outcome.Detached)
            {
                await clientGone.CancelAsync().ConfigureAwait(false);
                containers.RecordDetach(container);
            }
            else if (wantStdin && container.Config.StdinOnce && !container.Config.Tty)
            {
                await containers.CloseStdinAsync(container.Id).ConfigureAwait(false);
            }
        }

        // a half-closed client still reads: keep writing until the run ends (docker run relies on it)
        await output.ConfigureAwait(false);
        await clientGone.CancelAsync().ConfigureAwait(false);
        await stream.CompleteAsync().ConfigureAwait(false);
    }

    private static async Task PumpOutputAsync(HijackedStream stream, AttachFeed feed, CancellationToken ct)
    {
        try
        {
            await foreach (var chunk in feed.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (!await stream.WriteAsync(chunk.Stream, chunk.Data).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool Bool(IQueryCollection query, string name)
    {
        var value = query[name].ToString().Trim().ToLowerInvariant();
        return value is not ("" or "0" or "no" or "false" or "none");
    }
}
