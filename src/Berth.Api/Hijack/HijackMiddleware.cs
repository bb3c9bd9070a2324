using System.Buffers;
using System.Text.Json;
using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Json;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Engine;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Berth.Api.Hijack;

/// <summary>
/// Connection-level handling of the two hijacked endpoints, attach and exec start. Kestrel's upgrade
/// feature cannot serve exec start (it sends Upgrade with a JSON body) and Kestrel ends responses on a
/// client's FIN, while the docker CLI half-closes and keeps reading. So the first request of every
/// connection is peeked here: attach and exec start are served on the raw transport, everything else
/// (and a connection after a plain answer) goes on to Kestrel untouched.
/// </summary>
public sealed partial class HijackMiddleware(BerthEngine engine, ILogger<HijackMiddleware> log)
{
    public async Task OnConnectionAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        try
        {
            await DispatchAsync(connection, next).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ConnectionResetException or IOException)
        {
            // the client went away
        }
    }

    private async Task DispatchAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (!RequestHead.TryReadRequestLine(buffer, out var method, out var target))
            {
                if (result.IsCompleted || buffer.Length > 8192)
                {
                    input.AdvanceTo(buffer.Start);
                    await next(connection).ConfigureAwait(false);
                    return;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var route = HijackRoute.Match(method, target);
            if (route is null)
            {
                input.AdvanceTo(buffer.Start);
                await next(connection).ConfigureAwait(false);
                return;
            }

            var head = RequestHead.TryParse(buffer);
            if (head is null || buffer.Length < head.Length + head.ContentLength)
            {
                if (result.IsCompleted)
                {
                    input.AdvanceTo(buffer.End);
                    return;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            var body = buffer.Slice(head.Length, head.ContentLength).ToArray();
            input.AdvanceTo(buffer.GetPosition(head.Length + head.ContentLength));
            if (await ServeAsync(connection, route, head, body).ConfigureAwait(false))
            {
                await next(connection).ConfigureAwait(false);
            }

            return;
        }
    }

    /// <summary>Serves one attach/exec-start request; true when the connection stays plain HTTP and goes on to Kestrel.</summary>
    private async Task<bool> ServeAsync(ConnectionContext connection, HijackRoute route, RequestHead head, byte[] body)
    {
        var transport = connection.Transport;
        try
        {
            var version = route.Version is null ? ApiVersion.Current : ApiVersion.Parse(route.Version);
            var query = new QueryCollection(QueryHelpers.ParseQuery(head.Query));
            if (route.Kind == HijackKind.Attach)
            {
                var container = engine.Containers.Get(route.Id);
                var stream = new HijackedStream(transport, container.Config.Tty);
                await new AttachHandler(engine).RunAsync(stream, container, query, head.WantsUpgrade, version).ConfigureAwait(false);
                return false;
            }

            var exec = engine.Execs.Get(route.Id);
            var start = body.Length == 0 ? new ExecStartConfig() : JsonSerializer.Deserialize(body, BerthJsonContext.Default.ExecStartConfig) ?? new ExecStartConfig();
            if (start.Detach)
            {
                await engine.Execs.StartAsync(exec.Id, detach: true, CancellationToken.None).ConfigureAwait(false);
                await transport.Output.WriteAsync(PlainOk).ConfigureAwait(false);
                return true;
            }

            await new ExecStartHandler(engine).RunAsync(new HijackedStream(transport, exec.Settings.Tty), exec, head.WantsUpgrade, version).ConfigureAwait(false);
            return false;
        }
        catch (Exception e) when (e is BerthException or JsonException)
        {
            var (kind, message) = ErrorStatus.Classify(e);
            var status = ErrorStatus.For(kind);
            LogRefused(log, head.Target, message);
            await transport.Output.WriteAsync(ErrorWriter.Raw(status, ReasonPhrases.GetReasonPhrase(status), message)).ConfigureAwait(false);
            return true;
        }
    }

    private static readonly byte[] PlainOk = System.Text.Encoding.ASCII.GetBytes(
        $"HTTP/1.1 200 OK\r\nApi-Version: {ApiVersion.Current}\r\nOstype: linux\r\nServer: Docker/{ResponseHeaders.ServerVersion} (linux)\r\nContent-Length: 0\r\n\r\n");

    [LoggerMessage(1101, LogLevel.Debug, "{Target}: {Message}")]
    private static partial void LogRefused(ILogger logger, string target, string message);
}
