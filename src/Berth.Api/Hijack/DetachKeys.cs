using Berth.Core.Errors;

namespace Berth.Api.Hijack;

/// <summary>Docker's detach key sequence: "ctrl-p,ctrl-q" by default; "ctrl-x,x" style.</summary>
public static class DetachKeys
{
    public static readonly byte[] Default = [16, 17];

    public static byte[] Parse(string? keys)
    {
        if (string.IsNullOrEmpty(keys))
        {
            return Default;
        }

        var result = new List<byte>();
        foreach (var key in keys.Split(','))
        {
            var k = key.Trim();
            if (k.Length > 5 && k.StartsWith("ctrl-", StringComparison.OrdinalIgnoreCase))
            {
                var c = char.ToLowerInvariant(k[5]);
                if (k.Length != 6)
                {
                    throw Errors.InvalidArgument($"Invalid detach keys ({keys}) provided");
                }

                result.Add(c switch
                {
                    >= 'a' and <= 'z' => (byte)(c - 'a' + 1),
                    '@' => 0,
                    '[' => 27,
                    '\\' => 28,
                    ']' => 29,
                    '^' => 30,
                    '_' => 31,
                    _ => throw Errors.InvalidArgument($"Invalid detach keys ({keys}) provided"),
                });
            }
            else if (k.Length == 1 && k[0] < 128)
            {
                result.Add((byte)k[0]);
            }
            else
            {
                throw Errors.InvalidArgument($"Invalid detach keys ({keys}) provided");
            }
        }

        return [.. result];
    }
}
