namespace Berth.Cli.Templates;

/// <summary>
/// A value with named fields computed on demand (a ps row, an images row, a table header): what a Go
/// struct with methods is to text/template.
/// </summary>
internal interface ITemplateObject
{
    /// <summary>Looks up a field or a method; <paramref name="arguments"/> are the method's arguments.</summary>
    bool TryGetField(string name, IReadOnlyList<object?> arguments, out object? value);

    /// <summary>The object as <c>{{json .}}</c> prints it.</summary>
    string ToJson();

    /// <summary>The Go type name used in "can't evaluate field" errors.</summary>
    string TypeName { get; }
}
