using System.CommandLine;

namespace Berth.Cli.Cli;

/// <summary>What the scanner and the help writer need to know about a flag, whatever its value type.</summary>
internal interface IFlag
{
    Option Option { get; }

    string LongName { get; }

    char? Shorthand { get; }

    /// <summary>pflag's type word shown in help ("string", "list", "bytes"...); empty for booleans.</summary>
    string TypeName { get; }

    string Usage { get; }

    /// <summary>"(default ...)" text as pflag shows it, without the parentheses; null when the default is the zero value.</summary>
    string? DefaultText { get; }

    bool IsBool { get; }

    /// <summary>Validates (and may rewrite) a value as pflag's Set does; throws <see cref="FlagValueException"/>.</summary>
    string Accept(string value);
}

/// <summary>A System.CommandLine option carrying pflag's metadata: one definition for parsing and for help.</summary>
internal sealed class Flag<T> : Option<T>, IFlag
{
    private readonly Func<string, string>? _validate;

    public Flag(string longName, char? shorthand, string typeName, string usage, string? defaultText, Func<string, string>? validate)
        : base("--" + longName, shorthand is { } s ? ["-" + s] : [])
    {
        LongName = longName;
        Shorthand = shorthand;
        TypeName = typeName;
        Usage = usage;
        DefaultText = defaultText;
        _validate = validate;
        Description = usage;
    }

    public Option Option => this;

    public string LongName { get; }

    public char? Shorthand { get; }

    public string TypeName { get; }

    public string Usage { get; }

    public string? DefaultText { get; }

    public bool IsBool => typeof(T) == typeof(bool);

    public string Accept(string value) => _validate is null ? value : _validate(value);
}

/// <summary>A value pflag would refuse; the message is the part after "invalid argument ... flag: ".</summary>
internal sealed class FlagValueException(string message) : Exception(message);
