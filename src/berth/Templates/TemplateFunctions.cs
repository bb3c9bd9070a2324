using System.Globalization;
using System.Text.Json;

namespace Berth.Cli.Templates;

/// <summary>text/template's builtins plus docker's (templates/templates.go): json, split, join, title, lower, upper, pad, truncate.</summary>
internal sealed class TemplateFunctions
{
    private readonly Dictionary<string, Func<IReadOnlyList<object?>, object?>> _functions;

    private TemplateFunctions(Dictionary<string, Func<IReadOnlyList<object?>, object?>> functions) => _functions = functions;

    /// <summary>"and" and "or" evaluate lazily, so the evaluator handles them itself.</summary>
    public static readonly string[] LazyNames = ["and", "or"];

    public static TemplateFunctions Docker { get; } = new(new(StringComparer.Ordinal)
    {
        ["not"] = a => !GoValues.IsTrue(Arg(a, 0, "not", 1)),
        ["len"] = a => Length(Arg(a, 0, "len", 1)),
        ["index"] = Index,
        ["slice"] = Slice,
        ["print"] = GoFormat.Sprint,
        ["printf"] = a => GoFormat.Sprintf(AsString(Arg(a, 0, "printf", -1), "printf"), a.Skip(1).ToList()),
        ["println"] = GoFormat.Sprintln,
        ["eq"] = a => Equal(a),
        ["ne"] = a => !Equal(Exactly(a, 2, "ne")),
        ["lt"] = a => Compare(Exactly(a, 2, "lt")) < 0,
        ["le"] = a => Compare(Exactly(a, 2, "le")) <= 0,
        ["gt"] = a => Compare(Exactly(a, 2, "gt")) > 0,
        ["ge"] = a => Compare(Exactly(a, 2, "ge")) >= 0,
        ["urlquery"] = a => Uri.EscapeDataString(GoFormat.Sprint(a)),
        ["html"] = a => System.Net.WebUtility.HtmlEncode(GoFormat.Sprint(a)),
        ["js"] = a => GoFormat.Sprint(a).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal),
        ["json"] = a => GoValues.ToJson(Arg(a, 0, "json", 1)),
        ["split"] = a => AsString(Exactly(a, 2, "split")[0], "split").Split(AsString(a[1], "split")).Cast<object?>().ToList(),
        ["join"] = a => string.Join(AsString(Exactly(a, 2, "join")[1], "join"), Items(a[0]).Select(GoValues.Print)),
        ["title"] = a => Title(AsString(Arg(a, 0, "title", 1), "title")),
        ["lower"] = a => AsString(Arg(a, 0, "lower", 1), "lower").ToLowerInvariant(),
        ["upper"] = a => AsString(Arg(a, 0, "upper", 1), "upper").ToUpperInvariant(),
        ["pad"] = a => Pad(AsString(Exactly(a, 3, "pad")[0], "pad"), (int)AsLong(a[1]), (int)AsLong(a[2])),
        ["truncate"] = a => Truncate(AsString(Exactly(a, 2, "truncate")[0], "truncate"), (int)AsLong(a[1])),
    });

    /// <summary>docker's HeaderFunctions: for table headers these leave the column name untouched.</summary>
    public static TemplateFunctions Header { get; } = Docker.With(new Dictionary<string, Func<IReadOnlyList<object?>, object?>>
    {
        ["json"] = a => a.Count > 0 ? a[0] : "",
        ["split"] = a => a.Count > 0 ? a[0] : "",
        ["join"] = a => a.Count > 0 ? a[0] : "",
        ["title"] = a => a.Count > 0 ? a[0] : "",
        ["lower"] = a => a.Count > 0 ? a[0] : "",
        ["upper"] = a => a.Count > 0 ? a[0] : "",
        ["truncate"] = a => a.Count > 0 ? a[0] : "",
    });

    public ISet<string> Names => new HashSet<string>(_functions.Keys.Concat(LazyNames), StringComparer.Ordinal);

    public TemplateFunctions With(IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> extra)
    {
        var merged = new Dictionary<string, Func<IReadOnlyList<object?>, object?>>(_functions, StringComparer.Ordinal);
        foreach (var (name, function) in extra)
        {
            merged[name] = function;
        }

        return new TemplateFunctions(merged);
    }

    public bool TryGet(string name, out Func<IReadOnlyList<object?>, object?> function) => _functions.TryGetValue(name, out function!);

    public static IEnumerable<object?> Items(object? value) => GoValues.Normalize(value) switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => GoValues.Normalize(e)),
        IReadOnlyList<object?> list => list,
        null => [],
        var other => throw new TemplateException($"can't iterate over {GoValues.Print(other)}"),
    };

    private static object? Arg(IReadOnlyList<object?> arguments, int index, string name, int expected)
    {
        if ((expected >= 0 && arguments.Count != expected) || arguments.Count <= index)
        {
            throw new TemplateException($"wrong number of args for {name}: want {Math.Max(expected, 1)} got {arguments.Count}");
        }

        return GoValues.Normalize(arguments[index]);
    }

    private static IReadOnlyList<object?> Exactly(IReadOnlyList<object?> arguments, int count, string name) =>
        arguments.Count == count
            ? arguments.Select(GoValues.Normalize).ToList()
            : throw new TemplateException($"wrong number of args for {name}: want {count} got {arguments.Count}");

    private static string AsString(object? value, string function) => GoValues.Normalize(value) switch
    {
        string s => s,
        var other => throw new TemplateException($"wrong type for value; expected string; got {GoValues.TypeName(other)}"),
    };

    private static long AsLong(object? value) => GoValues.Normalize(value) switch
    {
        long l => l,
        double d when d == Math.Floor(d) => (long)d,
        var other => throw new TemplateException($"wrong type for value; expected int; got {GoValues.TypeName(other)}"),
    };

    private static long Length(object? value) => GoValues.Normalize(value) switch
    {
        string s => System.Text.Encoding.UTF8.GetByteCount(s),
        JsonElement { ValueKind: JsonValueKind.Array } e => e.GetArrayLength(),
        JsonElement { ValueKind: JsonValueKind.Object } e => e.EnumerateObject().Count(),
        System.Collections.ICollection c => c.Count,
        var other => throw new TemplateException($"error calling len: len of type {GoValues.TypeName(other)}"),
    };

    private static object? Index(IReadOnlyList<object?> arguments)
    {
        if (arguments.Count == 0)
        {
            throw new TemplateException("wrong number of args for index: want at least 1 got 0");
        }

        var item = GoValues.Normalize(arguments[0]);
        foreach (var key in arguments.Skip(1).Select(GoValues.Normalize))
        {
            item = item switch
            {
                JsonElement { ValueKind: JsonValueKind.Object } map when key is string name =>
                    map.TryGetProperty(name, out var found) ? GoValues.Normalize(found) : MissingEntry(map),
                JsonElement { ValueKind: JsonValueKind.Array } array when key is long i =>
                    i >= 0 && i < array.GetArrayLength() ? GoValues.Normalize(array[(int)i]) : throw new TemplateException($"error calling index: index out of range: {i}"),
                IReadOnlyList<object?> list when key is long i =>
                    i >= 0 && i < list.Count ? list[(int)i] : throw new TemplateException($"error calling index: index out of range: {i}"),
                IReadOnlyDictionary<string, object?> dictionary when key is string name =>
                    dictionary.TryGetValue(name, out var value) ? value : GoValues.NoValue,
                null => throw new TemplateException("error calling index: index of untyped nil"),
                _ => throw new TemplateException($"error calling index: cannot index slice/array with type {GoValues.TypeName(key)}"),
            };
        }

        return item;
    }

    /// <summary>
    /// A missing key through index: docker evaluates against its typed structs first, where a map of
    /// strings (labels, options) yields "" and a map of structs (networks) a nil pointer.
    /// </summary>
    private static object? MissingEntry(JsonElement map) =>
        map.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String) ? null : "";

    private static object? Slice(IReadOnlyList<object?> arguments)
    {
        var item = GoValues.Normalize(arguments.Count > 0 ? arguments[0] : null);
        var bounds = arguments.Skip(1).Select(AsLong).Select(l => (int)l).ToList();
        switch (item)
        {
            case string s:
                var start = bounds.Count > 0 ? bounds[0] : 0;
                var end = bounds.Count > 1 ? bounds[1] : s.Length;
                return s[start..end];
            default:
                var list = Items(item).ToList();
                var from = bounds.Count > 0 ? bounds[0] : 0;
                var to = bounds.Count > 1 ? bounds[1] : list.Count;
                return list.GetRange(from, to - from);
        }
    }

    private static bool Equal(IReadOnlyList<object?> arguments)
    {
        if (arguments.Count < 2)
        {
            throw new TemplateException("missing argument for comparison");
        }

        var first = GoValues.Normalize(arguments[0]);
        return arguments.Skip(1).Select(GoValues.Normalize).Any(other => ScalarEqual(first, other));
    }

    private static bool ScalarEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (long x, long y) => x == y,
        (long x, double y) => x == y,
        (double x, long y) => x == y,
        (double x, double y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (JsonElement, _) or (_, JsonElement) => throw new TemplateException("error calling eq: non-comparable type"),
        _ => throw new TemplateException("error calling eq: incompatible types for comparison"),
    };

    private static int Compare(IReadOnlyList<object?> arguments) => (arguments[0], arguments[1]) switch
    {
        (long x, long y) => x.CompareTo(y),
        (long x, double y) => ((double)x).CompareTo(y),
        (double x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        _ => throw new TemplateException("error calling lt: incompatible types for comparison"),
    };

    private static string Title(string text)
    {
        var chars = text.ToCharArray();
        var atWordStart = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (atWordStart && char.IsLetter(chars[i]))
            {
                chars[i] = char.ToUpper(chars[i], CultureInfo.InvariantCulture);
            }

            atWordStart = !char.IsLetterOrDigit(chars[i]) && chars[i] != '_' && chars[i] != '\'';
        }

        return new string(chars);
    }

    private static string Pad(string source, int prefix, int suffix) =>
        source.Length == 0 ? source : new string(' ', Math.Max(prefix, 0)) + source + new string(' ', Math.Max(suffix, 0));

    private static string Truncate(string source, int length)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(source);
        return bytes.Length < length ? source : System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Max(length, 0));
    }
}
