using System.Text;

namespace Berth.Cli.Formatting;

/// <summary>
/// Go's text/tabwriter (docker's copy) for space padding: cells end at '\t', a column is as wide as
/// its widest cell plus padding (at least minwidth), and a line without tabs ends the block of
/// aligned columns. Widths count display columns, wide characters as two.
/// </summary>
internal sealed class TabWriter
{
    private readonly int _minWidth;
    private readonly int _padding;
    private readonly StringBuilder _output = new();
    private readonly List<List<Cell>> _lines = [[]];
    private readonly StringBuilder _cell = new();

    public TabWriter(int minWidth, int padding)
    {
        _minWidth = minWidth;
        _padding = padding;
    }

    /// <summary>docker's table writer: NewWriter(out, 10, 1, 3, ' ', 0).</summary>
    public static TabWriter ForTables() => new(10, 3);

    public void Write(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '\t' or '\v':
                    TerminateCell();
                    break;
                case '\n' or '\f':
                    var cells = TerminateCell();
                    _lines.Add([]);
                    if (c == '\f' || cells == 1)
                    {
                        FlushLines();
                    }

                    break;
                default:
                    _cell.Append(c);
                    break;
            }
        }
    }

    /// <summary>Formats what is buffered and returns everything written so far.</summary>
    public string Flush()
    {
        if (_cell.Length > 0)
        {
            TerminateCell();
        }

        FlushLines();
        var text = _output.ToString();
        _output.Clear();
        return text;
    }

    private int TerminateCell()
    {
        var text = _cell.ToString();
        _lines[^1].Add(new Cell(text, DisplayWidth.Of(text)));
        _cell.Clear();
        return _lines[^1].Count;
    }

    private void FlushLines()
    {
        Format([], 0, _lines.Count);
        _lines.Clear();
        _lines.Add([]);
    }

    private void Format(List<int> widths, int line0, int line1)
    {
        var column = widths.Count;
        for (var current = line0; current < line1; current++)
        {
            if (column >= _lines[current].Count - 1)
            {
                continue;
            }

            WriteLines(widths, line0, current);
            line0 = current;
            var width = _minWidth;
            for (; current < line1; current++)
            {
                var cells = _lines[current];
                if (column >= cells.Count - 1)
                {
                    break;
                }

                width = Math.Max(width, cells[column].Width + _padding);
            }

            widths.Add(width);
            Format(widths, line0, current);
            widths.RemoveAt(widths.Count - 1);
            line0 = current;
        }

        WriteLines(widths, line0, line1);
    }

    private void WriteLines(List<int> widths, int line0, int line1)
    {
        for (var i = line0; i < line1; i++)
        {
            var cells = _lines[i];
            for (var j = 0; j < cells.Count; j++)
            {
                _output.Append(cells[j].Text);
                if (j < widths.Count)
                {
                    _output.Append(' ', widths[j] - cells[j].Width);
                }
            }

            // the last buffered line has no newline of its own yet
            if (i + 1 < _lines.Count)
            {
                _output.Append('\n');
            }
        }
    }

    private readonly record struct Cell(string Text, int Width);
}
