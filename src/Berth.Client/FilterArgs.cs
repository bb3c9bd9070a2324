using System.Text;

namespace Berth.Client;

/// <summary>
/// Docker's filters.Args: name → set of values, encoded in the map form the CLI sends,
/// <c>{"status":{"exited":true}}</c>, names and values sorted as Go's encoder writes maps.
/// </summary>
public sealed class FilterArgs
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    public int Count => _fields.Count;

    public IEnumerable<string> Names => _fields.Keys;

    public FilterArgs Add(string name, string value)
    {
        if (!_fields.TryGetValue(name, out var values))
        {
            _fields[name] = values = [];
        }

        if (!values.Contains(value))
        {
            values.Add(value);
        }

        return this;
    }

    public IReadOnlyList<string> Get(string name) => _fields.TryGetValue(name, out var values) ? values : [];

    public bool Contains(string name) => _fields.ContainsKey(name);

    public string ToJson()
    {
        var builder = new StringBuilder("{");
        var firstName = true;
        foreach (var (name, values) in _fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            builder.Append(firstName ? "" : ",");
            firstName = false;
            GoJson.AppendString(builder, name, escapeHtml: true);
            builder.Append(":{");
            var firstValue = true;
            foreach (var value in values.Order(StringComparer.Ordinal))
            {
                builder.Append(firstValue ? "" : ",");
                firstValue = false;
                GoJson.AppendString(builder, value, escapeHtml: true);
                builder.Append(":true");
            }

            builder.Append('}');
        }

        return builder.Append('}').ToString();
    }
}
