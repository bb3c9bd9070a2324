using System.IO.Pipelines;
using System.Text;
using Berth.Api.Http;
using Berth.Engine.Containers;

namespace Berth.Api.Hijack;

/// <summary>
/// A connection taken over for raw streaming (attach, exec start): writes the 101 (or 200) head, then
/// frames or raw bytes, flushing each write; the client's bytes after its request are its stdin.
/// </summary>
public sealed class HijackedStream(IDuplexPipe transport, bool tty)
{
    public PipeReader Input => transport.Input;

    public bool Tty => tty;

    public async Task WriteHeadAsync(bool upgrade, ApiVersion version)
    {
        var contentType = StreamFraming.ContentType(tty, version);
        var head = upgrade
            ? $"HTTP/1.1 101 UPGRADED\r\nContent-Type: {contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
            : $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\n";
        head += $"Api-Version: {ApiVersion.Current}\r\nOstype: linux\r\nServer: Docker/{ResponseHeaders.ServerVersion} (linux)\r\n\r\n";
        await WriteRawAsync(Encoding.ASCII.GetBytes(head)).ConfigureAwait(false);
    }

    /// <summary>Container output: raw with a TTY, else one multiplexed frame per write.</summary>
    public ValueTask<bool> WriteAsync(StdStream stream, ReadOnlyMemory<byte> data) =>
        WriteRawAsync(tty ? data : StreamFraming.Frame(stream, data.Span));

    /// <summary>Writes and flushes; false once the client has gone.</summary>
    public async ValueTask<bool> WriteRawAsync(ReadOnlyMemory<byte> data)
    {
        try
        {
            var result = await transport.Output.WriteAsync(data).ConfigureAwait(false);
            return !result.IsCompleted && !result.IsCanceled;
        }
        catch (IOException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public async Task CompleteAsync()
    {
        await transport.Output.CompleteAsync().ConfigureAwait(false);
        await transport.Input.CompleteAsync().ConfigureAwait(false);
    }
}
