namespace Berth.Cli.Commands;

/// <summary>opts.ConvertKVStringsToMap: "k=v" strings to a map, a later key winning; null when there are none.</summary>
internal static class KeyValues
{
    public static Dictionary<string, string>? ToMap(IEnumerable<string> pairs)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            map[equals < 0 ? pair : pair[..equals]] = equals < 0 ? "" : pair[(equals + 1)..];
        }

        return map.Count > 0 ? new Dictionary<string, string>(map) : null;
    }

    /// <summary>pflag's "strings" values: each may hold several, comma separated.</summary>
    public static List<string> SplitCommas(IEnumerable<string> values) =>
        values.SelectMany(v => v.Length == 0 ? [] : Options.Csv.ReadRecord(v)).ToList();
}
