using System.Globalization;
using System.Text.Json;
using Berth.Api.Contracts.Json;
using Berth.Core;
using Berth.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Http;

/// <summary>Query-string values read the way moby's httputils reads them.</summary>
public static class Query
{
    /// <summary>moby's BoolValue: "", 0, no, false, none are false; anything else is true.</summary>
    public static bool Bool(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString().Trim().ToLowerInvariant();
        return value is not ("" or "0" or "no" or "false" or "none");
    }

    public static bool? BoolOrNull(HttpRequest request, string name) =>
        request.Query.ContainsKey(name) ? Bool(request, name) : null;

    public static string? String(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0 ? null : value;
    }

    public static int? Int(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Errors.InvalidArgument($"invalid value for {name}: {value}");
    }

    /// <summary>filters=: the map form {"k":{"v":true}} of the CLI and the list form {"k":["v"]} of docker-py.</summary>
    public static FilterArgs Filters(HttpRequest request)
    {
        var raw = request.Query["filters"].ToString();
        if (raw.Length == 0)
        {
            return FilterArgs.Empty;
        }

        try
        {
            using var doc = JsonDocument.Parse(raw);
            var values = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.Object => property.Value.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.False).Select(p => p.Name).ToList(),
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(v => v.ToString()).ToList(),
                    JsonValueKind.String => [property.Value.GetString()!],
                    _ => throw Errors.InvalidArgument("invalid filter"),
                };
            }

            return new FilterArgs(values);
        }
        catch (JsonException)
        {
            throw Errors.InvalidArgument($"invalid filter: {raw}");
        }
        catch (InvalidOperationException)
        {
            throw Errors.InvalidArgument($"invalid filter: {raw}");
        }
    }

    internal static JsonSerializerOptions Options => BerthJsonContext.Default.Options;
}
