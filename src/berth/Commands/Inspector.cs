using System.Text;
using System.Text.Json;
using Berth.Cli.Cli;
using Berth.Cli.Formatting;
using Berth.Cli.Templates;

namespace Berth.Cli.Commands;

/// <summary>
/// docker's inspect.Inspect: fetch each reference's raw JSON, then print the array indented with
/// four spaces (no format), compact ("json"), or each through a Go template. Errors for missing
/// references come after the output, one per line, exit status 1.
/// </summary>
internal static class Inspector
{
    public delegate Task<byte[]> Lookup(string reference, CancellationToken ct);

    public static async Task<int> InspectAsync(CliContext context, IReadOnlyList<string> references, string format, Lookup lookup, CancellationToken ct)
    {
        GoTemplate? template = null;
        if (format.Length > 0 && format != "json")
        {
            try
            {
                template = GoTemplate.Parse(format);
            }
            catch (TemplateException e)
            {
                throw new CliStatusException(64, "template parsing error: " + e.Message);
            }
        }

        var raws = new List<byte[]>();
        var output = new StringBuilder();
        var errors = new List<string>();
        foreach (var reference in references)
        {
            byte[] raw;
            try
            {
                raw = await lookup(reference, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (Batch.IsReportable(e))
            {
                errors.Add(e.Message);
                continue;
            }

            if (template is null)
            {
                raws.Add(raw);
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(raw);
                output.Append(template.Execute(document.RootElement)).Append('\n');
            }
            catch (TemplateException e)
            {
                errors.Add("template parsing error: " + e.Message);
            }
        }

        if (template is not null)
        {
            await context.Out.WriteAsync(output.Length == 0 ? "\n" : output.ToString()).ConfigureAwait(false);
        }
        else if (raws.Count == 0)
        {
            await context.Out.WriteAsync("[]\n").ConfigureAwait(false);
        }
        else
        {
            var array = new List<byte>();
            array.Add((byte)'[');
            for (var i = 0; i < raws.Count; i++)
            {
                if (i > 0)
                {
                    array.Add((byte)',');
                }

                array.AddRange(raws[i]);
            }

            array.Add((byte)']');
            var bytes = array.ToArray();
            await context.Out.WriteAsync((format == "json" ? JsonLayout.Compact(bytes) : JsonLayout.Indent(bytes, "    ")) + "\n").ConfigureAwait(false);
        }

        return errors.Count > 0 ? throw new CliStatusException(1, string.Join('\n', errors)) : 0;
    }
}
