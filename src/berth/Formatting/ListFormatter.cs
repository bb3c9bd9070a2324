using System.Text;
using Berth.Cli.Templates;

namespace Berth.Cli.Formatting;

/// <summary>
/// docker's formatter.Context: a format is "table [TEMPLATE]" (a header row and aligned columns),
/// "json" (one JSON object per line) or a template executed once per row.
/// </summary>
internal static class ListFormatter
{
    public static bool IsTable(string format) => format.StartsWith("table", StringComparison.Ordinal);

    /// <summary>The template text to execute: "table" stripped, "json" expanded, \t and \n made real.</summary>
    public static string TemplateText(string format)
    {
        var text = format;
        if (IsTable(format))
        {
            text = format["table".Length..];
        }
        else if (format == "json")
        {
            text = "{{json .}}";
        }

        return text.Trim(' ').Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
    }

    public static GoTemplate Parse(string format)
    {
        try
        {
            return GoTemplate.Parse(TemplateText(format));
        }
        catch (TemplateException e)
        {
            throw new Cli.CliStatusException(1, "template parsing error: " + e.Message);
        }
    }

    public static string Render(string format, IEnumerable<ITemplateObject> rows, IReadOnlyDictionary<string, string> headers)
    {
        var template = Parse(format);
        var body = new StringBuilder();
        foreach (var row in rows)
        {
            body.Append(Execute(template, row, TemplateFunctions.Docker)).Append('\n');
        }

        if (!IsTable(format))
        {
            return body.ToString();
        }

        var table = TabWriter.ForTables();
        table.Write(Execute(template, new HeaderRow(headers), TemplateFunctions.Header));
        table.Write("\n");
        table.Write(body.ToString());
        return table.Flush();
    }

    private static string Execute(GoTemplate template, ITemplateObject row, TemplateFunctions functions)
    {
        try
        {
            return template.Execute(row, functions);
        }
        catch (TemplateException e)
        {
            throw new Cli.CliStatusException(1, "template parsing error: " + e.Message);
        }
    }
}
