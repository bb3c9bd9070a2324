using System.Security.Cryptography;
using Berth.Core.Errors;

namespace Berth.Core.Ids;

/// <summary>A content digest, always <c>sha256:&lt;64 lowercase hex&gt;</c> in Berth.</summary>
public readonly record struct Digest
{
    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 lowercase hex characters, without the algorithm.</summary>
    public string Hex { get; }

    public string Algorithm => "sha256";

    /// <summary>The first 12 hex characters, as Docker prints IDs.</summary>
    public string Short => Hex[..12];

    public override string ToString() => "sha256:" + Hex;

    public static Digest FromHash(ReadOnlySpan<byte> sha256) => new(Convert.ToHexStringLower(sha256));

    public static Digest Compute(ReadOnlySpan<byte> content) => FromHash(SHA256.HashData(content));

    /// <summary>Parses <c>sha256:hex</c> or a bare 64-hex string.</summary>
    public static Digest Parse(string text)
    {
        if (!TryParse(text, out var digest))
        {
            throw Errors.Errors.InvalidArgument($"invalid digest: {text}");
        }

        return digest;
    }

    public static bool TryParse(string? text, out Digest digest)
    {
        digest = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var hex = text.StartsWith("sha256:", StringComparison.Ordinal) ? text[7..] : text;
        if (!IsHex64(hex))
        {
            return false;
        }

        digest = new Digest(hex);
        return true;
    }

    public static bool IsHex64(ReadOnlySpan<char> s)
    {
        if (s.Length != 64)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
