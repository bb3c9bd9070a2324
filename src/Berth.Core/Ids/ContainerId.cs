using System.Security.Cryptography;

namespace Berth.Core.Ids;

/// <summary>A 64-hex random identifier, as Docker makes for containers, execs and anonymous volumes.</summary>
public readonly record struct ContainerId
{
    private ContainerId(string value) => Value = value;

    public string Value { get; }

    /// <summary>The first 12 characters: what `ps` prints and what the hostname defaults to.</summary>
    public string Short => Value[..12];

    public override string ToString() => Value;

    public static ContainerId New()
    {
        Span<byte> bytes = stackalloc byte[32];
        while (true)
        {
            RandomNumberGenerator.Fill(bytes);
            var hex = Convert.ToHexStringLower(bytes);

            // Docker avoids all-numeric short IDs, which would be taken for numbers.
            if (!hex.AsSpan(0, 12).ContainsAnyExcept("0123456789"))
            {
                continue;
            }

            return new ContainerId(hex);
        }
    }

    public static ContainerId Parse(string value)
    {
        if (!Digest.IsHex64(value))
        {
            throw Errors.Errors.InvalidArgument($"invalid ID: {value}");
        }

        return new ContainerId(value);
    }
}
