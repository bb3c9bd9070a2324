namespace Berth.Cli.Options;

/// <summary>Go's net.ParseMAC acceptance: 6, 8 or 20 octets, colon- or hyphen-separated, or dotted groups of four hex digits.</summary>
internal static class MacAddress
{
    public static bool IsValid(string text)
    {
        if (text.Length < 14)
        {
            return false;
        }

        if (text[2] is ':' or '-')
        {
            return (text.Length + 1) % 3 == 0 && IsOctetCount((text.Length + 1) / 3) && AreGroups(text, 2, text[2]);
        }

        return text[4] == '.' && (text.Length + 1) % 5 == 0 && IsOctetCount(2 * (text.Length + 1) / 5) && AreGroups(text, 4, '.');
    }

    private static bool IsOctetCount(int count) => count is 6 or 8 or 20;

    private static bool AreGroups(string text, int digits, char separator)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var isSeparatorPosition = i % (digits + 1) == digits;
            if (isSeparatorPosition ? text[i] != separator : !char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
