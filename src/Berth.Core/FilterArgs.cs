using Berth.Core.Errors;

namespace Berth.Core;

/// <summary>
/// Docker's list filters (<c>--filter status=exited --filter label=a=b</c>): each key holds a set of values;
/// an entry matches when, for every key, it matches at least one value.
/// </summary>
public sealed class FilterArgs
{
    private readonly Dictionary<string, HashSet<string>> _values;

    public FilterArgs(IReadOnlyDictionary<string, IReadOnlyCollection<string>>? values = null)
    {
        _values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        if (values is null)
        {
            return;
        }

        foreach (var (key, list) in values)
        {
            _values[key] = new HashSet<string>(list, StringComparer.Ordinal);
        }
    }

    public static FilterArgs Empty { get; } = new();

    public bool IsEmpty => _values.Count == 0;

    public IEnumerable<string> Keys => _values.Keys;

    public bool Contains(string key) => _values.ContainsKey(key);

    public IReadOnlyCollection<string> Get(string key) => _values.TryGetValue(key, out var set) ? set : [];

    /// <summary>Refuses keys the caller does not know, with Docker's message.</summary>
    public void Validate(IReadOnlySet<string> accepted)
    {
        foreach (var key in _values.Keys)
        {
            if (!accepted.Contains(key))
            {
                throw Errors.Errors.InvalidArgument($"invalid filter '{key}'");
            }
        }
    }

    /// <summary>True when the key is absent or one of its values equals <paramref name="value"/>.</summary>
    public bool MatchesExact(string key, string value) => !_values.TryGetValue(key, out var set) || set.Contains(value);

    /// <summary>label=key or label=key=value against a label set; every label filter must match.</summary>
    public bool MatchesLabels(string key, IReadOnlyDictionary<string, string> labels)
    {
        if (!_values.TryGetValue(key, out var set))
        {
            return true;
        }

        foreach (var filter in set)
        {
            var eq = filter.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (!labels.ContainsKey(filter))
                {
                    return false;
                }
            }
            else if (!labels.TryGetValue(filter[..eq], out var value) || value != filter[(eq + 1)..])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The single boolean a key holds (dangling=true), or null when absent.</summary>
    public bool? GetBool(string key)
    {
        if (!_values.TryGetValue(key, out var set) || set.Count == 0)
        {
            return null;
        }

        if (set.Count > 1)
        {
            throw Errors.Errors.InvalidArgument($"invalid filter '{key}': only one value allowed");
        }

        var value = set.First();
        return value.ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => throw Errors.Errors.InvalidArgument($"invalid filter '{key}={value}'"),
        };
    }
}
