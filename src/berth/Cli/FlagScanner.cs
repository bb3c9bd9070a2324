using System.CommandLine;

namespace Berth.Cli.Cli;

/// <summary>
/// Reads the command line the way the docker CLI (cobra + pflag) does: global flags up to the
/// command name, then the command's flags, interspersed with its arguments unless the command says
/// otherwise (run, create, exec stop at the image or container). It produces pflag's error texts,
/// and a normalized token list ("--long=value", "--", operands) that System.CommandLine binds to
/// the typed options.
/// </summary>
internal static class FlagScanner
{
    public static ScanResult Scan(Command root, IReadOnlyList<string> args)
    {
        var tokens = new List<string>();
        var path = new List<Command> { root };

        var rootScan = ScanFlags(FlagsOf(root), args, 0, interspersed: false, tokens);
        if (rootScan.Error is not null)
        {
            return ScanResult.FlagError(path, rootScan.Error);
        }

        if (rootScan.Help is not null)
        {
            return ScanResult.ShowHelp(path, rootScan.Help);
        }

        var rest = rootScan.Operands;
        if (rest.Count == 0 && tokens.Contains("--version=true"))
        {
            return new ScanResult(path, tokens, [], null, null, null) { VersionRequested = true };
        }

        Command current = root;
        var index = 0;
        while (current is not DockerCommand)
        {
            if (index >= rest.Count)
            {
                // "docker" or "docker container" alone: the usage goes to stderr, exit status 0
                return ScanResult.ShowHelp(path, new HelpRequest(ToStderr: true));
            }

            var word = rest[index];
            if (current != root && word.StartsWith('-') && word.Length > 1)
            {
                if (word is "--help" or "-h")
                {
                    return ScanResult.ShowHelp(path, new HelpRequest(ToStderr: false));
                }

                return ScanResult.FlagError(path, UnknownFlag(word));
            }

            var next = ((ParentCommand)current).Find(word);
            if (next is null)
            {
                return ScanResult.UnknownCommand(path, word);
            }

            path.Add(next);
            tokens.Add(next.Name);
            current = next;
            index++;
        }

        var command = (DockerCommand)current;
        var leafScan = ScanFlags(command.DeclaredFlags.ToList(), rest, index, command.Interspersed, tokens);
        if (leafScan.Error is not null)
        {
            return ScanResult.FlagError(path, leafScan.Error);
        }

        if (leafScan.Help is not null)
        {
            return ScanResult.ShowHelp(path, leafScan.Help);
        }

        tokens.Add("--");
        tokens.AddRange(leafScan.Operands);
        return new ScanResult(path, tokens, leafScan.Operands, null, null, null);
    }

    private static List<IFlag> FlagsOf(Command command) => command.Options.OfType<IFlag>().ToList();

    private static FlagScan ScanFlags(List<IFlag> flags, IReadOnlyList<string> args, int start, bool interspersed, List<string> tokens)
    {
        var operands = new List<string>();
        var helpFlag = flags.FirstOrDefault(f => f.LongName == "help");
        for (var i = start; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length < 2 || arg[0] != '-')
            {
                if (!interspersed)
                {
                    operands.AddRange(args.Skip(i));
                    break;
                }

                operands.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                operands.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg[1] == '-')
            {
                var name = arg[2..];
                if (name.Length == 0 || name[0] is '-' or '=')
                {
                    return FlagScan.Failed($"bad flag syntax: {arg}");
                }

                var equals = name.IndexOf('=', StringComparison.Ordinal);
                var value = equals >= 0 ? name[(equals + 1)..] : null;
                name = equals >= 0 ? name[..equals] : name;
                var flag = flags.FirstOrDefault(f => f.LongName == name);
                if (flag is null)
                {
                    if (name == "help")
                    {
                        return FlagScan.HelpWanted(deprecatedShorthand: false);
                    }

                    return FlagScan.Failed($"unknown flag: --{name}");
                }

                if (value is null)
                {
                    if (flag.IsBool)
                    {
                        value = "true";
                    }
                    else if (i + 1 < args.Count)
                    {
                        value = args[++i];
                    }
                    else
                    {
                        return FlagScan.Failed($"flag needs an argument: {arg}");
                    }
                }

                if (Emit(flag, value, tokens) is { } error)
                {
                    return FlagScan.Failed(error);
                }

                continue;
            }

            var shorthands = arg[1..];
            while (shorthands.Length > 0)
            {
                var c = shorthands[0];
                var flag = flags.FirstOrDefault(f => f.Shorthand == c);
                if (flag is null)
                {
                    if (c == 'h')
                    {
                        return FlagScan.HelpWanted(deprecatedShorthand: true);
                    }

                    return FlagScan.Failed($"unknown shorthand flag: '{c}' in -{shorthands}");
                }

                string value;
                if (shorthands.Length > 2 && shorthands[1] == '=')
                {
                    value = shorthands[2..];
                    shorthands = "";
                }
                else if (flag.IsBool)
                {
                    value = "true";
                    shorthands = shorthands[1..];
                }
                else if (shorthands.Length > 1)
                {
                    value = shorthands[1..];
                    shorthands = "";
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                    shorthands = "";
                }
                else
                {
                    return FlagScan.Failed($"flag needs an argument: '{c}' in -{shorthands}");
                }

                if (Emit(flag, value, tokens) is { } error)
                {
                    return FlagScan.Failed(error);
                }
            }
        }

        if (helpFlag is not null && tokens.Contains("--help=true"))
        {
            return FlagScan.HelpWanted(deprecatedShorthand: false);
        }

        return new FlagScan(operands, null, null);
    }

    private static string? Emit(IFlag flag, string value, List<string> tokens)
    {
        string accepted;
        try
        {
            accepted = flag.Accept(value);
        }
        catch (FlagValueException e)
        {
            var display = flag.Shorthand is { } s ? $"-{s}, --{flag.LongName}" : $"--{flag.LongName}";
            return $"invalid argument {Flags.GoQuote(value)} for {Flags.GoQuote(display)} flag: {e.Message}";
        }

        if (accepted.Length == 0)
        {
            tokens.Add("--" + flag.LongName);
            tokens.Add("");
        }
        else
        {
            tokens.Add("--" + flag.LongName + "=" + accepted);
        }

        return null;
    }

    private static string UnknownFlag(string word) =>
        word.StartsWith("--", StringComparison.Ordinal) ? $"unknown flag: {word.Split('=')[0]}" : $"unknown shorthand flag: '{word[1]}' in {word}";

    private sealed record FlagScan(List<string> Operands, string? Error, HelpRequest? Help)
    {
        public static FlagScan Failed(string error) => new([], error, null);

        public static FlagScan HelpWanted(bool deprecatedShorthand) => new([], null, new HelpRequest(ToStderr: false, deprecatedShorthand));
    }
}

/// <summary>Print the usage of the command; on stderr when the user gave no command at all.</summary>
internal sealed record HelpRequest(bool ToStderr, bool DeprecatedShorthand = false);

/// <summary>
/// The outcome of <see cref="FlagScanner.Scan"/>: a command to run with its normalized tokens, help
/// to show, or a usage error.
/// </summary>
internal sealed record ScanResult(
    IReadOnlyList<Command> Path,
    IReadOnlyList<string> Tokens,
    IReadOnlyList<string> Operands,
    HelpRequest? Help,
    string? FlagErrorText,
    string? UnknownCommandWord)
{
    public Command Command => Path[^1];

    /// <summary>"docker -v" alone: print the version line.</summary>
    public bool VersionRequested { get; init; }

    public static ScanResult FlagError(IReadOnlyList<Command> path, string error) => new(path, [], [], null, error, null);

    public static ScanResult ShowHelp(IReadOnlyList<Command> path, HelpRequest help) => new(path, [], [], help, null, null);

    public static ScanResult UnknownCommand(IReadOnlyList<Command> path, string word) => new(path, [], [], null, null, word);
}
