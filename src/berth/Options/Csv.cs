using System.Text;

namespace Berth.Cli.Options;

/// <summary>One record of Go's encoding/csv: comma-separated fields, double quotes around fields that hold commas.</summary>
internal static class Csv
{
    public static List<string> ReadRecord(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && atFieldStart)
            {
                quoted = true;
                atFieldStart = false;
                continue;
            }

            if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
                continue;
            }

            if (c == '"')
            {
                throw new FormatException($"parse error on line 1, column {i + 1}: bare \" in non-quoted-field");
            }

            field.Append(c);
            atFieldStart = false;
        }

        if (quoted)
        {
            throw new FormatException($"parse error on line 1, column {line.Length + 1}: extraneous or missing \" in quoted-field");
        }

        fields.Add(field.ToString());
        return fields;
    }
}
