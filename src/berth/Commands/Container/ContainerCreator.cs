using System.CommandLine;
using System.Net;
using Berth.Api.Contracts.Containers;
using Berth.Cli.Cli;
using Berth.Cli.Commands.Image;
using Berth.Cli.Interop;
using Berth.Cli.Options;
using Berth.Cli.References;
using Berth.Client;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// What docker run and docker create share (createContainer in create.go): the request from the flags,
/// the console size, --pull, "Unable to find image ... locally" followed by a pull and a retry,
/// --cidfile, and the daemon's warnings.
/// </summary>
internal sealed class ContainerCreator(CliContext context, ParseResult parse, ContainerFlags flags, string commandName)
{
    public const string PullAlways = "always";
    public const string PullMissing = "missing";
    public const string PullNever = "never";

    /// <summary>Builds the request; bad flag combinations end as docker's "docker: ..." usage errors (status 125).</summary>
    public async Task<ContainerCreateRequest> BuildRequestAsync(string pull, CancellationToken ct)
    {
        if (pull is not (PullAlways or PullMissing or PullNever))
        {
            throw WithHelp($"invalid pull option: '{pull}': must be one of \"{PullAlways}\", \"{PullMissing}\" or \"{PullNever}\"");
        }

        var operands = parse.GetValue(((DockerCommand)parse.CommandResult.Command).Operands)!;
        var serverOs = "";
        try
        {
            serverOs = (await context.Client.Transport.PingAsync(ct).ConfigureAwait(false)).OsType;
        }
        catch (DaemonUnreachableException)
        {
            // as in docker, the options are checked anyway; creating will report the daemon
        }

        try
        {
            var request = new CreateRequestBuilder(parse, flags, context.Environment).Build(operands[0], operands[1..], serverOs.Length > 0 ? serverOs : "linux");
            var size = context.Streams.OutIsTerminal ? TerminalIo.GetSize(TerminalIo.StdOut) : null;
            request.HostConfig!.ConsoleSize = [size?.Rows ?? 0, size?.Columns ?? 0];
            return request;
        }
        catch (FormatException e)
        {
            throw WithHelp(e.Message);
        }
    }

    /// <summary>POST /containers/create, pulling the image first or when the daemon does not have it, per --pull.</summary>
    public async Task<string> CreateAsync(ContainerCreateRequest request, string? name, string? platform, string pull, bool quiet, CancellationToken ct)
    {
        ImageReference? reference = null;
        if (ImageReference.TryParse(request.Image, out var parsed) && !IsImageId(request.Image))
        {
            reference = parsed!.WithDefaultTag();
        }

        using var cidFile = CidFile.Open(request.HostConfig?.ContainerIDFile ?? "");
        var output = quiet ? TextWriter.Null : context.Err;
        if (pull == PullAlways && reference is not null)
        {
            await ImagePuller.PullAsync(context, reference, platform, output, !quiet && IsStderrTerminal, ct).ConfigureAwait(false);
        }

        ContainerCreateResponse response;
        try
        {
            response = await context.Client.Containers.CreateAsync(request, name, platform, ct).ConfigureAwait(false);
        }
        catch (DaemonException e) when (e.StatusCode == HttpStatusCode.NotFound && reference is not null && pull == PullMissing)
        {
            if (!quiet)
            {
                await context.Err.WriteLineAsync($"Unable to find image '{reference.FamiliarString}' locally").ConfigureAwait(false);
            }

            await ImagePuller.PullAsync(context, reference, platform, output, !quiet && IsStderrTerminal, ct).ConfigureAwait(false);
            response = await context.Client.Containers.CreateAsync(request, name, platform, ct).ConfigureAwait(false);
        }

        var warnings = response.Warnings.ToList();
        if (request.HostConfig?.Dns?.FirstOrDefault(d => IPAddress.TryParse(d, out var address) && IPAddress.IsLoopback(address)) is { } loopback)
        {
            warnings.Add($"Localhost DNS ({loopback}) may fail in containers.");
        }

        foreach (var warning in warnings)
        {
            await context.Err.WriteLineAsync("WARNING: " + warning).ConfigureAwait(false);
        }

        cidFile.Write(response.Id);
        return response.Id;
    }

    /// <summary>docker's withHelp: "docker: &lt;error&gt;\n\nRun 'docker run --help' for more information", status 125.</summary>
    public CliStatusException WithHelp(string message) =>
        new(125, $"{context.ProgramName}: {message}\n\nRun '{context.ProgramName} {commandName} --help' for more information");

    private bool IsStderrTerminal => TerminalIo.IsTerminal(2);

    private static bool IsImageId(string image) =>
        image.StartsWith("sha256:", StringComparison.Ordinal) || (image.Length == 64 && image.All(char.IsAsciiHexDigitLower));

    /// <summary>--cidfile: refused if it exists; removed again unless the ID got written.</summary>
    private sealed class CidFile : IDisposable
    {
        private readonly string _path;
        private FileStream? _file;
        private bool _written;

        private CidFile(string path, FileStream? file)
        {
            _path = path;
            _file = file;
        }

        public static CidFile Open(string path)
        {
            if (path.Length == 0)
            {
                return new CidFile(path, null);
            }

            if (File.Exists(path))
            {
                throw new InvalidOperationException($"container ID file found, make sure the other container isn't running or delete {path}");
            }

            try
            {
                return new CidFile(path, new FileStream(path, FileMode.CreateNew, FileAccess.Write));
            }
            catch (Exception e) when (OsError.IsFileError(e))
            {
                throw new InvalidOperationException("failed to create the container ID file: " + OsError.Describe("open", path, e), e);
            }
        }

        public void Write(string id)
        {
            if (_file is null)
            {
                return;
            }

            _file.Write(System.Text.Encoding.UTF8.GetBytes(id));
            _file.Flush();
            _written = true;
        }

        public void Dispose()
        {
            if (_file is null)
            {
                return;
            }

            _file.Dispose();
            _file = null;
            if (!_written)
            {
                File.Delete(_path);
            }
        }
    }
}
