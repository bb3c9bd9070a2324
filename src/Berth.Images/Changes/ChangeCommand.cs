using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Images.Changes;

/// <summary>
/// A change instruction, parsed and checked as BuildKit's instructions.ParseCommand does, but not yet applied:
/// its words still hold quotes and variables, which expand against the config when it is applied.
/// </summary>
internal abstract partial record ChangeCommand
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static ChangeCommand Parse(InstructionLine line)
    {
        var keyword = line.Keyword.ToUpperInvariant();
        return keyword switch
        {
            "ENV" => new SetEnv(KeyValues(keyword, line.Arguments)),
            "LABEL" => new SetLabels(KeyValues(keyword, line.Arguments)),
            "CMD" => new SetCmd(CommandLine.Parse(line.Arguments)),
            "ENTRYPOINT" => new SetEntrypoint(CommandLine.Parse(line.Arguments)),
            "EXPOSE" => new Expose(AtLeastOne(keyword, ArgumentWords.Plain(line.Arguments))),
            "VOLUME" => new AddVolumes(AtLeastOne(keyword, ArgumentWords.JsonForm(line.Arguments) ?? ArgumentWords.Plain(line.Arguments))),
            "USER" => new SetUser(ExactlyOne(keyword, line.Arguments)),
            "WORKDIR" => new SetWorkdir(ExactlyOne(keyword, line.Arguments)),
            "STOPSIGNAL" => new SetStopSignal(ExactlyOne(keyword, line.Arguments)),
            "ONBUILD" => new AddOnBuild(OnBuildTrigger(line.Arguments)),
            "HEALTHCHECK" => new SetHealthcheck(HealthcheckParser.Parse(line.Arguments)),
            _ => throw Errors.InvalidArgument($"{line.Keyword} is not a valid change command"),
        };
    }

    /// <summary><c>KEY=value ...</c>, or the legacy <c>KEY value with spaces</c> (BuildKit's parseNameVal).</summary>
    private static List<KeyValuePair<string, string>> KeyValues(string keyword, string arguments)
    {
        var words = ArgumentWords.Quoted(arguments);
        if (words.Count == 0)
        {
            throw Errors.InvalidArgument($"{keyword} requires at least one argument");
        }

        List<KeyValuePair<string, string>> pairs;
        if (!words[0].Contains('=', StringComparison.Ordinal))
        {
            var parts = Whitespace().Split(arguments, 2);
            pairs = parts.Length == 2
                ? [new(parts[0], parts[1])]
                : throw Errors.InvalidArgument($"{keyword} must have two arguments");
        }
        else
        {
            pairs = words.Select(word => word.Split('=', 2) is [var key, var value]
                    ? new KeyValuePair<string, string>(key, value)
                    : throw Errors.InvalidArgument($"Syntax error - can't find = in \"{word}\". Must be of the form: name=value"))
                .ToList();
        }

        return pairs.Any(pair => pair.Key.Length == 0)
            ? throw Errors.InvalidArgument($"{keyword} names can not be blank")
            : pairs;
    }

    private static List<string> AtLeastOne(string keyword, List<string> words) =>
        words.Count > 0 ? words : throw Errors.InvalidArgument($"{keyword} requires at least one argument");

    private static string ExactlyOne(string keyword, string arguments) =>
        arguments.Length > 0 ? arguments : throw Errors.InvalidArgument($"{keyword} requires exactly one argument");

    private static string OnBuildTrigger(string arguments)
    {
        var trigger = ArgumentWords.Plain(arguments).FirstOrDefault()?.ToUpperInvariant()
            ?? throw Errors.InvalidArgument("ONBUILD requires at least one argument");
        return trigger switch
        {
            "ONBUILD" => throw Errors.InvalidArgument("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"),
            "FROM" or "MAINTAINER" => throw Errors.InvalidArgument($"{trigger} isn't allowed as an ONBUILD trigger"),
            _ => arguments,
        };
    }
}

internal sealed record SetEnv(List<KeyValuePair<string, string>> Pairs) : ChangeCommand;

internal sealed record SetLabels(List<KeyValuePair<string, string>> Pairs) : ChangeCommand;

internal sealed record SetCmd(CommandLine Command) : ChangeCommand;

internal sealed record SetEntrypoint(CommandLine Command) : ChangeCommand;

internal sealed record Expose(List<string> Specs) : ChangeCommand;

internal sealed record AddVolumes(List<string> Paths) : ChangeCommand;

internal sealed record SetUser(string User) : ChangeCommand;

internal sealed record SetWorkdir(string Path) : ChangeCommand;

internal sealed record SetStopSignal(string Signal) : ChangeCommand;

internal sealed record AddOnBuild(string Trigger) : ChangeCommand;

internal sealed record SetHealthcheck(HealthConfig Health) : ChangeCommand;

/// <summary>CMD's and ENTRYPOINT's argument: the exec form's words, or the shell form's text (run by the config's shell).</summary>
internal sealed record CommandLine(List<string> Words, bool ShellForm)
{
    public static CommandLine Parse(string arguments) =>
        ArgumentWords.JsonForm(arguments) is { } words ? new(words, ShellForm: false) : new([arguments], ShellForm: true);
}
