using System.Globalization;
using Berth.Api.Contracts.Containers;

namespace Berth.Cli.Options;

/// <summary>opts.GpuOpts: "all", "2", or "count=2,capabilities=utility,device=0,driver=nvidia".</summary>
internal static class GpuRequest
{
    public static DeviceRequest Parse(string value)
    {
        var request = new DeviceRequest { Capabilities = [["gpu"]] };
        foreach (var field in Csv.ReadRecord(value))
        {
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                request.Count = ParseCount(field);
                continue;
            }

            var key = field[..equals];
            var val = field[(equals + 1)..];
            switch (key)
            {
                case "driver":
                    request.Driver = val;
                    break;
                case "count":
                    request.Count = ParseCount(val);
                    break;
                case "device":
                    request.DeviceIDs = [.. val.Split(',')];
                    break;
                case "capabilities":
                    request.Capabilities = [["gpu", .. val.Split(',').Where(c => c != "gpu")]];
                    break;
                case "options":
                    request.Options = val.Split(',').Select(o => o.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
                    break;
                default:
                    throw new FormatException($"unexpected key '{key}' in '{field}'");
            }
        }

        return request;
    }

    private static int ParseCount(string value) => value == "all"
        ? -1
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : throw new FormatException($"invalid count ({value}): value must be either \"all\" or an integer");
}
