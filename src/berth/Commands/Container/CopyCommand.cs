using System.CommandLine;
using System.IO.Pipelines;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Client;
using Berth.Client.Operations;

namespace Berth.Cli.Commands.Container;

/// <summary>
/// docker cp: GET /containers/{id}/archive unpacked locally, or a local tree packed and PUT into the
/// container, with docker's rules for existing and new destinations and "-" for tar on stdio.
/// </summary>
internal sealed class CopyCommand : DockerCommand
{
    private readonly Flag<bool> _archive = Flags.Bool("archive", 'a', "Archive mode (copy all uid/gid information)");
    private readonly Flag<bool> _followLink = Flags.Bool("follow-link", 'L', "Always follow symbol link in SRC_PATH");
    private readonly Flag<bool> _quiet = Flags.Bool("quiet", 'q', "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached");

    public CopyCommand()
        : base("cp", "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH", "Copy files/folders between a container and the local filesystem", ArgsRule.Exactly(2))
    {
        AliasesText = "docker container cp, docker cp";
        LongDescription = "Copy files/folders between a container and the local filesystem\n\nUse '-' as the source to read a tar archive from stdin\nand extract it to a directory destination in a container.\nUse '-' as the destination to stream a tar archive of a\ncontainer source to stdout.";
        Add(_archive);
        Add(_followLink);
        Add(_quiet);
    }

    public override async Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var operands = parse.GetValue(Operands)!;
        if (operands[0].Length == 0)
        {
            throw new CliStatusException(1, "source can not be empty");
        }

        if (operands[1].Length == 0)
        {
            throw new CliStatusException(1, "destination can not be empty");
        }

        var quiet = Given(parse, _quiet) ? parse.GetValue(_quiet) : !context.Streams.OutIsTerminal;
        var (sourceContainer, sourcePath) = Split(operands[0]);
        var (destinationContainer, destinationPath) = Split(operands[1]);
        return (sourceContainer, destinationContainer) switch
        {
            ({ } from, null) => await FromContainerAsync(context, from, sourcePath, destinationPath, quiet, ct).ConfigureAwait(false),
            (null, { } to) => await ToContainerAsync(context, to, sourcePath, destinationPath, parse.GetValue(_followLink), parse.GetValue(_archive), quiet, ct).ConfigureAwait(false),
            (not null, not null) => throw new CliStatusException(1, "copying between containers is not supported"),
            _ => throw new CliStatusException(1, "must specify at least one container source"),
        };
    }

    private static (string? Container, string Path) Split(string argument)
    {
        if (argument.StartsWith('/'))
        {
            return (null, argument);
        }

        var colon = argument.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 || argument.StartsWith('.') ? (null, argument) : (argument[..colon], argument[(colon + 1)..]);
    }

    private static async Task<int> FromContainerAsync(CliContext context, string container, string source, string destination, bool quiet, CancellationToken ct)
    {
        var (archive, stat) = await context.Client.Containers.GetArchiveAsync(container, source, ct).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            if (destination == "-")
            {
                await archive.Body.CopyToAsync(context.Streams.OutStream, ct).ConfigureAwait(false);
                return 0;
            }

            var counting = new CountingStream(archive.Body);
            var local = Path.GetFullPath(destination) + (EndsWithSeparator(destination) ? "/" : "");
            var sourceBase = Path.GetFileName(source.TrimEnd('/')) is { Length: > 0 } b ? b : stat.Name;
            var copyContents = stat.IsDirectory && source.EndsWith("/.", StringComparison.Ordinal);
            if (Directory.Exists(local))
            {
                await TarTree.ExtractAsync(counting, local, stat.Name, copyContents ? "" : null, ct).ConfigureAwait(false);
            }
            else if (File.Exists(local.TrimEnd('/')))
            {
                if (stat.IsDirectory)
                {
                    throw new CliStatusException(1, "cannot copy directory");
                }

                await TarTree.ExtractAsync(counting, Path.GetDirectoryName(local)!, stat.Name, Path.GetFileName(local), ct).ConfigureAwait(false);
            }
            else
            {
                if (EndsWithSeparator(destination) && !stat.IsDirectory)
                {
                    throw new CliStatusException(1, $"no such directory");
                }

                var parent = Path.GetDirectoryName(local.TrimEnd('/'))!;
                if (!Directory.Exists(parent))
                {
                    throw new CliStatusException(1, $"lstat {parent}: no such file or directory");
                }

                await TarTree.ExtractAsync(counting, parent, stat.Name.Length > 0 ? stat.Name : sourceBase, Path.GetFileName(local.TrimEnd('/')), ct).ConfigureAwait(false);
            }

            if (!quiet)
            {
                await context.Err.WriteLineAsync($"Successfully copied {DisplayText.HumanSize(counting.Count, 3)} to {local.TrimEnd('/')}").ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static async Task<int> ToContainerAsync(CliContext context, string container, string source, string destination, bool followLink, bool copyUidGid, bool quiet, CancellationToken ct)
    {
        PathStat? target = null;
        try
        {
            target = await context.Client.Containers.StatPathAsync(container, destination, ct).ConfigureAwait(false);
        }
        catch (DaemonException e) when (e.IsNotFound && !e.Message.Contains("No such container", StringComparison.Ordinal))
        {
            // the destination does not exist yet: it will be created
        }

        if (source == "-")
        {
            if (target is not { IsDirectory: true })
            {
                throw new CliStatusException(1, $"destination \"{container}:{destination}\" must be a directory");
            }

            await context.Client.Containers.PutArchiveAsync(container, destination, context.Streams.InStream, copyUidGid, ct).ConfigureAwait(false);
            return 0;
        }

        var local = Path.GetFullPath(source);
        if (!File.Exists(local) && !Directory.Exists(local))
        {
            throw new CliStatusException(1, $"lstat {local}: no such file or directory");
        }

        var isDirectory = Directory.Exists(local);
        var copyContents = isDirectory && source.EndsWith("/.", StringComparison.Ordinal);
        var rootName = copyContents ? "." : Path.GetFileName(local.TrimEnd('/'));
        string directory;
        if (target is { IsDirectory: true })
        {
            directory = destination;
        }
        else
        {
            if (target is not null && isDirectory)
            {
                throw new CliStatusException(1, "cannot copy directory");
            }

            if (target is null && destination.EndsWith('/') && !isDirectory)
            {
                throw new CliStatusException(1, $"destination \"{container}:{destination}\" does not exist");
            }

            var trimmed = destination.TrimEnd('/');
            var slash = trimmed.LastIndexOf('/');
            directory = slash switch { < 0 => ".", 0 => "/", _ => trimmed[..slash] };
            rootName = trimmed[(slash + 1)..];
            copyContents = false;
        }

        var pipe = new Pipe();
        var count = new CountingStream(pipe.Reader.AsStream());
        var writing = Task.Run(async () =>
        {
            await using var output = pipe.Writer.AsStream();
            await TarTree.WriteAsync(local, rootName, followLink, output, ct).ConfigureAwait(false);
        }, ct);
        await context.Client.Containers.PutArchiveAsync(container, directory, count, copyUidGid, ct).ConfigureAwait(false);
        await writing.ConfigureAwait(false);
        if (!quiet)
        {
            await context.Err.WriteLineAsync($"Successfully copied {DisplayText.HumanSize(count.Count, 3)} to {container}:{destination}").ConfigureAwait(false);
        }

        return 0;
    }

    private static bool EndsWithSeparator(string path) => path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal);

    /// <summary>Counts the bytes read through it, for "Successfully copied ...".</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Count += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Count += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
