using System.CommandLine;
using Berth.Cli.Cli;
using Berth.Client;

namespace Berth.Cli.Commands.Engine;

/// <summary>docker inspect: looks each name up as a container, an image, a network, then a volume.</summary>
internal sealed class InspectCommand : DockerCommand
{
    private static readonly string[] AllTypes = ["config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"];

    private readonly Flag<string> _format = FormatFlag.ForInspect();
    private readonly Flag<bool> _size = Flags.Bool("size", 's', "Display total file sizes if the type is container");
    private readonly Flag<string> _type = Flags.String("type", null, "Only inspect objects of the given type");

    public InspectCommand()
        : base("inspect", "[OPTIONS] NAME|ID [NAME|ID...]", "Return low-level information on Docker objects", ArgsRule.AtLeast(1))
    {
        Add(_format);
        Add(_size);
        Add(_type);
    }

    public override Task<int> ExecuteAsync(CliContext context, ParseResult parse, CancellationToken ct)
    {
        var type = parse.GetValue(_type) ?? "";
        var typeList = string.Join("\", \"", AllTypes);
        if (Given(parse, _type) && type.Length == 0)
        {
            throw new CliStatusException(1, $"type is empty: must be one of \"{typeList}\"");
        }

        if (type.Length > 0 && !AllTypes.Contains(type))
        {
            throw new CliStatusException(1, $"unknown type: \"{type}\": must be one of \"{typeList}\"");
        }

        var size = parse.GetValue(_size);
        var client = context.Client;
        (string Type, bool SizeSupported, Inspector.Lookup Lookup)[] kinds =
        [
            ("container", true, (name, token) => client.Containers.InspectRawAsync(name, size, token)),
            ("image", false, client.Images.InspectRawAsync),
            ("network", false, (name, token) => client.Networks.InspectRawAsync(name, false, null, token)),
            ("volume", false, client.Volumes.InspectRawAsync),
        ];

        async Task<byte[]> LookupAsync(string reference, CancellationToken token)
        {
            foreach (var (kind, sizeSupported, lookup) in kinds)
            {
                if (type.Length > 0 && kind != type)
                {
                    continue;
                }

                byte[] raw;
                try
                {
                    raw = await lookup(reference, token).ConfigureAwait(false);
                }
                catch (DaemonException e) when (type.Length == 0 && IsSkippable(e))
                {
                    continue;
                }

                if (size && !sizeSupported)
                {
                    await context.Err.WriteLineAsync($"WARNING: --size ignored for {kind}").ConfigureAwait(false);
                }

                return raw;
            }

            throw new InvalidOperationException($"Error: No such object: {reference}");
        }

        return Inspector.InspectAsync(context, parse.GetValue(Operands)!, parse.GetValue(_format) ?? "", LookupAsync, ct);
    }

    private static bool IsSkippable(DaemonException e) =>
        e.IsNotFound || e.Message.Contains("not supported", StringComparison.Ordinal) || e.Message.Contains("invalid reference format", StringComparison.Ordinal);
}
