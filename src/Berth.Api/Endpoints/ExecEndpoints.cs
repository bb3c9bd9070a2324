using Berth.Api.Contracts.Containers;
using Berth.Api.Contracts.Json;
using Berth.Api.Http;
using Berth.Core.Errors;
using Berth.Engine;
using Berth.Engine.Exec;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Berth.Api.Endpoints;

/// <summary>Exec routes served by Kestrel; the hijacked start lives in Hijack/.</summary>
public static class ExecEndpoints
{
    public static void Map(IEndpointRouteBuilder app, BerthEngine engine)
    {
        app.MapPost("/containers/{id}/exec", async (HttpContext http, string id) =>
        {
            var config = await Json.ReadAsync(http.Request, BerthJsonContext.Default.ExecConfig).ConfigureAwait(false)
                ?? throw Errors.InvalidArgument("No exec command specified");
            var exec = engine.Execs.Create(id, new ExecSettings
            {
                Cmd = config.Cmd?.ToList() ?? [],
                Env = config.Env?.ToList() ?? [],
                User = config.User,
                WorkingDir = config.WorkingDir,
                Tty = config.Tty,
                AttachStdin = config.AttachStdin,
                AttachStdout = config.AttachStdout,
                AttachStderr = config.AttachStderr,
                Privileged = config.Privileged,
                DetachKeys = config.DetachKeys,
                ConsoleSize = config.ConsoleSize?.ToList() ?? [],
            });
            await Json.WriteAsync(http.Response, new IdResponse { Id = exec.Id }, BerthJsonContext.Default.IdResponse, StatusCodes.Status201Created).ConfigureAwait(false);
        });

        app.MapGet("/exec/{id}/json", async (HttpContext http, string id) =>
        {
            var exec = engine.Execs.Get(id);
            var s = exec.Settings;
            var view = new ExecInspectResponse
            {
                ID = exec.Id,
                ContainerID = exec.ContainerId,
                Running = exec.Running,
                ExitCode = exec.ExitCode,
                Pid = exec.Pid,
                OpenStdin = s.AttachStdin,
                OpenStdout = s.AttachStdout,
                OpenStderr = s.AttachStderr,
                DetachKeys = s.DetachKeys,
                CanRemove = false,
                ProcessConfig = new ExecProcessConfig
                {
                    Entrypoint = s.Cmd.Count > 0 ? s.Cmd[0] : "",
                    Arguments = s.Cmd.Skip(1).ToList(),
                    Tty = s.Tty,
                    Privileged = s.Privileged,
                    User = s.User,
                },
            };
            await Json.WriteAsync(http.Response, view, BerthJsonContext.Default.ExecInspectResponse).ConfigureAwait(false);
        });

        app.MapPost("/exec/{id}/resize", (HttpContext http, string id) =>
        {
            var (rows, columns) = ContainerEndpoints.TerminalSize(http.Request);
            engine.Execs.Resize(id, rows, columns);
            return Results.Ok();
        });

        // Reached only when an exec start is not the first request of its connection: detached starts work here.
        app.MapPost("/exec/{id}/start", async (HttpContext http, string id) =>
        {
            var config = await Json.ReadAsync(http.Request, BerthJsonContext.Default.ExecStartConfig).ConfigureAwait(false) ?? new ExecStartConfig();
            if (!config.Detach)
            {
                throw Errors.InvalidArgument("an attached exec start must be the first request on its connection");
            }

            await engine.Execs.StartAsync(engine.Execs.Get(id).Id, detach: true, http.RequestAborted).ConfigureAwait(false);
            http.Response.StatusCode = StatusCodes.Status200OK;
        });
    }
}
