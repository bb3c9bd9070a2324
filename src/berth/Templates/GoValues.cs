using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Client;
using Berth.Cli.Formatting;

namespace Berth.Cli.Templates;

/// <summary>How Go's text/template and fmt see values: printing (%v), truth, JSON, comparison.</summary>
internal static class GoValues
{
    /// <summary>A missing map entry: prints as "&lt;no value&gt;".</summary>
    public static readonly object NoValue = new NoValueMarker();

    /// <summary>JSON scalars become string/long/double/bool/null; objects and arrays stay JsonElements.</summary>
    public static object? Normalize(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } e => e.TryGetInt64(out var l) ? (object)l : e.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        int i => (long)i,
        uint u => (long)u,
        float f => (double)f,
        _ => value,
    };

    /// <summary>fmt's %v.</summary>
    public static string Print(object? value)
    {
        var builder = new StringBuilder();
        AppendPrint(builder, Normalize(value));
        return builder.ToString();
    }

    public static bool IsTrue(object? value) => Normalize(value) switch
    {
        null => false,
        NoValueMarker => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        JsonElement { ValueKind: JsonValueKind.Array } e => e.GetArrayLength() > 0,
        JsonElement { ValueKind: JsonValueKind.Object } e => e.EnumerateObject().Any(),
        System.Collections.ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>The json function: encoding/json with HTML escaping off, one line.</summary>
    public static string ToJson(object? value)
    {
        var builder = new StringBuilder();
        AppendJson(builder, value);
        return builder.ToString();
    }

    public static string TypeName(object? value) => Normalize(value) switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        long => "int",
        double => "float64",
        JsonElement { ValueKind: JsonValueKind.Array } => "[]interface {}",
        JsonElement { ValueKind: JsonValueKind.Object } => "map[string]interface {}",
        ITemplateObject o => o.TypeName,
        IReadOnlyList<object?> => "[]string",
        _ => "interface {}",
    };

    private static void AppendPrint(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("<nil>");
                break;
            case NoValueMarker:
                builder.Append("<no value>");
                break;
            case string s:
                builder.Append(s);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case long l:
                builder.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(GoFloat.FormatShortest(d));
                break;
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in array.EnumerateArray())
                {
                    builder.Append(firstItem ? "" : " ");
                    firstItem = false;
                    AppendPrint(builder, Normalize(item));
                }

                builder.Append(']');
                break;
            case JsonElement { ValueKind: JsonValueKind.Object } obj:
                builder.Append("map[");
                var firstEntry = true;
                foreach (var property in obj.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    builder.Append(firstEntry ? "" : " ");
                    firstEntry = false;
                    builder.Append(property.Name).Append(':');
                    AppendPrint(builder, Normalize(property.Value));
                }

                builder.Append(']');
                break;
            case IReadOnlyDictionary<string, object?> map:
                builder.Append("map[");
                builder.AppendJoin(' ', map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Print(p.Value)));
                builder.Append(']');
                break;
            case IReadOnlyList<object?> list:
                builder.Append('[').AppendJoin(' ', list.Select(Print)).Append(']');
                break;
            default:
                builder.Append(value.ToString());
                break;
        }
    }

    private static void AppendJson(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null or NoValueMarker:
                builder.Append("null");
                break;
            case string s:
                GoJson.AppendString(builder, s, escapeHtml: false);
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case long or int:
                builder.Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(GoFloat.FormatJson(d));
                break;
            case JsonElement element:
                AppendJsonElement(builder, element);
                break;
            case ITemplateObject template:
                builder.Append(template.ToJson());
                break;
            case IReadOnlyDictionary<string, object?> map:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    GoJson.AppendString(builder, key, escapeHtml: false);
                    builder.Append(':');
                    AppendJson(builder, item);
                }

                builder.Append('}');
                break;
            case IReadOnlyList<object?> list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    builder.Append(i > 0 ? "," : "");
                    AppendJson(builder, list[i]);
                }

                builder.Append(']');
                break;
            default:
                GoJson.AppendString(builder, value.ToString() ?? "", escapeHtml: false);
                break;
        }
    }

    private static void AppendJsonElement(StringBuilder builder, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                builder.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    GoJson.AppendString(builder, property.Name, escapeHtml: false);
                    builder.Append(':');
                    AppendJsonElement(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    builder.Append(firstItem ? "" : ",");
                    firstItem = false;
                    AppendJsonElement(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                GoJson.AppendString(builder, element.GetString()!, escapeHtml: false);
                break;
            default:
                builder.Append(element.GetRawText());
                break;
        }
    }

    private sealed class NoValueMarker
    {
        public override string ToString() => "<no value>";
    }
}
