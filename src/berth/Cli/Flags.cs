using System.CommandLine;
using System.Globalization;

namespace Berth.Cli.Cli;

/// <summary>Factories for flags with pflag's types, value checks and help words.</summary>
internal static class Flags
{
    public static Flag<bool> Bool(string name, char? shorthand, string usage, bool defaultValue = false, bool hidden = false)
    {
        var flag = new Flag<bool>(name, shorthand, "", usage, defaultValue ? "true" : null, ParseBool) { Hidden = hidden };
        if (defaultValue)
        {
            flag.DefaultValueFactory = _ => true;
        }

        return flag;
    }

    public static Flag<string> String(string name, char? shorthand, string usage, string defaultValue = "", string typeName = "string", Func<string, string>? validate = null, bool hidden = false)
    {
        var flag = new Flag<string>(name, shorthand, typeName, usage, defaultValue.Length > 0 ? Quote(defaultValue) : null, validate) { Hidden = hidden };
        flag.DefaultValueFactory = _ => defaultValue;
        return flag;
    }

    public static Flag<int> Int(string name, char? shorthand, string usage, int defaultValue = 0, string typeName = "int", bool hidden = false)
    {
        var flag = new Flag<int>(name, shorthand, typeName, usage, defaultValue != 0 ? Format(defaultValue) : null, v => ParseInteger(v, int.MinValue, int.MaxValue, signed: true)) { Hidden = hidden };
        flag.DefaultValueFactory = _ => defaultValue;
        return flag;
    }

    public static Flag<long> Int64(string name, char? shorthand, string usage, long defaultValue = 0, bool hidden = false)
    {
        var flag = new Flag<long>(name, shorthand, "int", usage, defaultValue != 0 ? Format(defaultValue) : null, v => ParseInteger(v, long.MinValue, long.MaxValue, signed: true)) { Hidden = hidden };
        flag.DefaultValueFactory = _ => defaultValue;
        return flag;
    }

    public static Flag<long> Unsigned(string name, string usage, string typeName, long max, string? defaultText = null)
    {
        var flag = new Flag<long>(name, null, typeName, usage, defaultText, v => ParseInteger(v, 0, max, signed: false));
        flag.DefaultValueFactory = _ => 0;
        return flag;
    }

    /// <summary>A repeatable flag (pflag "list" and the other slice-like types).</summary>
    public static Flag<string[]> List(string name, char? shorthand, string usage, string typeName = "list", Func<string, string>? validate = null, string? defaultText = null, bool hidden = false)
    {
        var flag = new Flag<string[]>(name, shorthand, typeName, usage, defaultText, validate)
        {
            Hidden = hidden,
            Arity = ArgumentArity.OneOrMore,
        };
        flag.DefaultValueFactory = _ => [];
        return flag;
    }

    /// <summary>A single value of a custom type (bytes, decimal, duration...), checked as pflag's Set would.</summary>
    public static Flag<string> Value(string name, char? shorthand, string typeName, string usage, Func<string, string> validate, string? defaultText = null, bool hidden = false)
    {
        var flag = new Flag<string>(name, shorthand, typeName, usage, defaultText, validate) { Hidden = hidden };
        flag.DefaultValueFactory = _ => "";
        return flag;
    }

    /// <summary>Go's strconv.ParseBool, answered as "true" or "false".</summary>
    public static string ParseBool(string value) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => "true",
        "0" or "f" or "F" or "FALSE" or "false" or "False" => "false",
        _ => throw new FlagValueException($"strconv.ParseBool: parsing {GoQuote(value)}: invalid syntax"),
    };

    /// <summary>Go's %q for the simple strings of flag errors.</summary>
    public static string GoQuote(string value) => Berth.Client.GoJson.Quote(value, escapeHtml: false);

    private static string ParseInteger(string value, long min, long max, bool signed)
    {
        var function = signed ? "strconv.ParseInt" : "strconv.ParseUint";
        var styles = signed ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        if (!long.TryParse(value, styles, CultureInfo.InvariantCulture, out var number))
        {
            var digits = value.TrimStart('-', '+');
            var syntaxOk = digits.Length > 0 && digits.All(char.IsAsciiDigit) && (signed || !value.StartsWith('-'));
            throw new FlagValueException($"{function}: parsing {GoQuote(value)}: {(syntaxOk ? "value out of range" : "invalid syntax")}");
        }

        if (number < min || number > max)
        {
            throw new FlagValueException($"{function}: parsing {GoQuote(value)}: value out of range");
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }

    private static string Quote(string value) => GoQuote(value);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
