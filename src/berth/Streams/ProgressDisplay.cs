using System.Globalization;
using System.Text;
using Berth.Api.Contracts.Json;
using Berth.Api.Contracts.Streams;
using Berth.Cli.Formatting;
using Berth.Client.Streams;

namespace Berth.Cli.Streams;

/// <summary>
/// jsonmessage.DisplayJSONMessagesStream: renders a progress stream (pull, push, load, import) as
/// docker does: on a terminal each layer keeps its own line, updated in place with a progress bar;
/// otherwise only status lines are printed. An error message in the stream fails the command.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task RunAsync(Stream stream, TextWriter output, bool isTerminal, Action<JsonMessage>? onAux, CancellationToken ct)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var message in JsonStream.ReadAsync(stream, BerthJsonContext.Default.JsonMessage, ct).ConfigureAwait(false))
        {
            if (message.Aux is not null)
            {
                onAux?.Invoke(message);
                continue;
            }

            var text = new StringBuilder();
            var diff = 0;
            if (!string.IsNullOrEmpty(message.Id) && (message.ProgressDetail is not null || !string.IsNullOrEmpty(message.Progress)))
            {
                if (!lines.TryGetValue(message.Id, out var line))
                {
                    line = lines.Count;
                    lines[message.Id] = line;
                    if (isTerminal)
                    {
                        text.Append('\n');
                    }
                }

                diff = lines.Count - line;
                if (isTerminal && diff > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\u001b[{diff}A");
                }
            }
            else
            {
                lines.Clear();
            }

            if (message.ErrorDetail is { } error)
            {
                await output.WriteAsync(text.ToString()).ConfigureAwait(false);
                throw new DaemonStreamException(error.Message);
            }

            if (message.Error is { Length: > 0 } legacyError && message.ErrorDetail is null)
            {
                await output.WriteAsync(text.ToString()).ConfigureAwait(false);
                throw new DaemonStreamException(legacyError);
            }

            Display(message, text, isTerminal);
            if (!string.IsNullOrEmpty(message.Id) && isTerminal && diff > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"\u001b[{diff}B");
            }

            await output.WriteAsync(text.ToString()).ConfigureAwait(false);
        }
    }

    private static void Display(JsonMessage message, StringBuilder text, bool isTerminal)
    {
        var endOfLine = "";
        var progress = Progress(message.ProgressDetail, isTerminal);
        if (isTerminal && string.IsNullOrEmpty(message.Stream) && message.ProgressDetail is not null)
        {
            text.Append("\u001b[2K\r");
            endOfLine = "\r";
        }
        else if (message.ProgressDetail is not null && progress.Length > 0)
        {
            return;
        }

        if (message.Time != 0)
        {
            text.Append(DateTimeOffset.FromUnixTimeSeconds(message.Time).ToString("yyyy-MM-dd'T'HH:mm:ss.000000000zzz", CultureInfo.InvariantCulture)).Append(' ');
        }

        if (!string.IsNullOrEmpty(message.Id))
        {
            text.Append(message.Id).Append(": ");
        }

        if (!string.IsNullOrEmpty(message.From))
        {
            text.Append("(from ").Append(message.From).Append(") ");
        }

        if (message.ProgressDetail is not null && isTerminal)
        {
            text.Append(message.Status).Append(' ').Append(progress).Append(endOfLine);
        }
        else if (!string.IsNullOrEmpty(message.Progress))
        {
            text.Append(message.Status).Append(' ').Append(message.Progress).Append(endOfLine);
        }
        else if (!string.IsNullOrEmpty(message.Stream))
        {
            text.Append(message.Stream).Append(endOfLine);
        }
        else
        {
            text.Append(message.Status).Append(endOfLine).Append('\n');
        }
    }

    /// <summary>JSONProgress.String: "[=====>      ]  1.2MB/3.4MB" (the bar only on wide terminals).</summary>
    private static string Progress(ProgressDetail? detail, bool isTerminal)
    {
        if (detail is null || (detail.Current <= 0 && detail.Total <= 0))
        {
            return "";
        }

        var width = isTerminal ? Interop.TerminalIo.GetSize(Interop.TerminalIo.StdOut)?.Columns ?? 200 : 200;
        if (detail.Total <= 0)
        {
            return string.IsNullOrEmpty(detail.Units)
                ? DisplayText.HumanSize(detail.Current).PadLeft(8)
                : $"{detail.Current} {detail.Units}";
        }

        var percentage = Math.Min((int)((double)detail.Current / detail.Total * 100) / 2, 50);
        var bar = width > 110 ? $"[{new string('=', percentage)}>{new string(' ', Math.Max(50 - percentage, 0))}] " : "";
        string numbers;
        if (string.IsNullOrEmpty(detail.Units))
        {
            var current = DisplayText.HumanSize(detail.Current);
            numbers = detail.Current > detail.Total ? current.PadLeft(8) : $"{current.PadLeft(8)}/{DisplayText.HumanSize(detail.Total)}";
        }
        else
        {
            numbers = detail.Current > detail.Total ? $"{detail.Current} {detail.Units}" : $"{detail.Current}/{detail.Total} {detail.Units}";
        }

        return bar + numbers;
    }
}
