using System.Globalization;

namespace Berth.Cli.Cli;

/// <summary>How many positional arguments a command takes, with the docker CLI's messages when it gets others.</summary>
internal sealed class ArgsRule
{
    private readonly int _min;
    private readonly int _max;

    private ArgsRule(int min, int max)
    {
        _min = min;
        _max = max;
    }

    public static ArgsRule None { get; } = new(0, 0);

    public static ArgsRule Any { get; } = new(0, int.MaxValue);

    public static ArgsRule AtLeast(int count) => new(count, int.MaxValue);

    public static ArgsRule AtMost(int count) => new(0, count);

    public static ArgsRule Exactly(int count) => new(count, count);

    public static ArgsRule Between(int min, int max) => new(min, max);

    /// <summary>Null when <paramref name="count"/> arguments are fine, else the message to print (exit status 1).</summary>
    public string? Check(int count, string program, string commandPath, string useLine)
    {
        if (count >= _min && count <= _max)
        {
            return null;
        }

        var head = $"{program}: '{commandPath}' ";
        var usage = $"\n\nUsage:  {useLine}\n\n";
        if (_max == 0)
        {
            return head + "accepts no arguments" + usage + $"Run '{commandPath} --help' for more information";
        }

        if (_min == _max)
        {
            return head + $"requires {Count(_min)}" + usage + $"Run '{commandPath} --help' for more information";
        }

        if (_max == int.MaxValue)
        {
            return head + $"requires at least {Count(_min)}" + usage + $"See '{commandPath} --help' for more information";
        }

        if (_min == 0)
        {
            // docker's own text, its "SRun" typo included
            return head + $"requires at most {Count(_max)}" + usage + $"SRun '{commandPath} --help' for more information";
        }

        return head + $"requires at least {_min.ToString(CultureInfo.InvariantCulture)} and at most {Count(_max)}" + usage + $"Run '{commandPath} --help' for more information";
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture) + (n == 1 ? " argument" : " arguments");
}
