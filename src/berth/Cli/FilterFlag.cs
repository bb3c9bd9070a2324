using Berth.Client;

namespace Berth.Cli.Cli;

/// <summary>docker's FilterOpt: "-f name=value", names lower-cased, collected into filters.Args.</summary>
internal static class FilterFlag
{
    public static Flag<string[]> Create(string usage = "Filter output based on conditions provided", char? shorthand = 'f', string? defaultText = null) =>
        Flags.List("filter", shorthand, usage, "filter", Validate, defaultText);

    public static FilterArgs ToArgs(IEnumerable<string> values)
    {
        var filters = new FilterArgs();
        foreach (var value in values.Where(v => v.Length > 0))
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            filters.Add(value[..equals].Trim().ToLowerInvariant(), value[(equals + 1)..].Trim());
        }

        return filters;
    }

    private static string Validate(string value) =>
        value.Length == 0 || value.Contains('=', StringComparison.Ordinal) ? value : throw new FlagValueException("bad format of filter (expected name=value)");
}
