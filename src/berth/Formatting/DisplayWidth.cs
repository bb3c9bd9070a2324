namespace Berth.Cli.Formatting;

/// <summary>Terminal columns of text: East Asian wide and fullwidth characters take two (go-runewidth's rule, in short).</summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Of(rune.Value);
        }

        return width;
    }

    public static int Of(int codePoint) => codePoint switch
    {
        0 => 0,
        < 0x20 or (>= 0x7F and < 0xA0) => 0,
        (>= 0x0300 and <= 0x036F) or (>= 0x200B and <= 0x200F) => 0,
        (>= 0x1100 and <= 0x115F) or (>= 0x2E80 and <= 0x303E) or (>= 0x3041 and <= 0x33FF) or
        (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xA000 and <= 0xA4CF) or
        (>= 0xAC00 and <= 0xD7A3) or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or
        (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x1F300 and <= 0x1F64F) or
        (>= 0x1F900 and <= 0x1F9FF) or (>= 0x20000 and <= 0x3FFFD) => 2,
        _ => 1,
    };
}
