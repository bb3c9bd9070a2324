using System.Text;
using Berth.Client;

namespace Berth.Cli.Templates;

/// <summary>
/// One row of a listing (a container, an image...): named fields computed on demand, like the
/// methods of docker's formatter contexts. <c>{{json .}}</c> prints every field, keys sorted.
/// </summary>
internal sealed class TemplateRow : ITemplateObject
{
    private readonly IReadOnlyDictionary<string, Func<object?>> _fields;
    private readonly Func<string, IReadOnlyList<object?>, object?>? _methods;

    public TemplateRow(string typeName, IReadOnlyDictionary<string, Func<object?>> fields, Func<string, IReadOnlyList<object?>, object?>? methods = null)
    {
        TypeName = typeName;
        _fields = fields;
        _methods = methods;
    }

    public string TypeName { get; }

    /// <summary>Fields a template asked for (docker asks the daemon for sizes only when .Size is used).</summary>
    public HashSet<string> Used { get; } = [];

    public bool TryGetField(string name, IReadOnlyList<object?> arguments, out object? value)
    {
        Used.Add(name);
        if (arguments.Count == 0 && _fields.TryGetValue(name, out var field))
        {
            value = field();
            return true;
        }

        if (_methods is not null && _methods(name, arguments) is { } result)
        {
            value = result;
            return true;
        }

        value = null;
        return false;
    }

    public string ToJson()
    {
        var builder = new StringBuilder("{");
        var first = true;
        foreach (var (name, field) in _fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Used.Add(name);
            builder.Append(first ? "" : ",");
            first = false;
            GoJson.AppendString(builder, name, escapeHtml: true);
            builder.Append(':').Append(JsonOf(field()));
        }

        return builder.Append('}').ToString();
    }

    /// <summary>docker marshals these with json.Marshal, which escapes &lt;, &gt; and &amp;.</summary>
    private static string JsonOf(object? value) => value is string text ? GoJson.Quote(text) : GoValues.ToJson(value);
}

/// <summary>docker's SubHeaderContext: field name → column title, and .Label "a.b-c" → "b c".</summary>
internal sealed class HeaderRow(IReadOnlyDictionary<string, string> titles) : ITemplateObject
{
    public string TypeName => "formatter.SubHeaderContext";

    public bool TryGetField(string name, IReadOnlyList<object?> arguments, out object? value)
    {
        if (name == "Label" && arguments is [string label])
        {
            value = label.Split('.')[^1].Replace('-', ' ').Replace('_', ' ');
            return true;
        }

        value = titles.TryGetValue(name, out var title) ? title : GoValues.NoValue;
        return true;
    }

    public string ToJson() => GoValues.ToJson(titles.ToDictionary(t => t.Key, t => (object?)t.Value));
}
