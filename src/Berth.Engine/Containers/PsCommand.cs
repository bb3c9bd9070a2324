using System.Globalization;
using System.Text.RegularExpressions;
using Berth.Core.Errors;
using Berth.Linux;

namespace Berth.Engine.Containers;

/// <summary>
/// `docker top NAME [ps OPTIONS]` with options of the user's: ps itself is run (what it prints cannot be computed
/// for every option), limited to the container's PIDs, and its output kept to their rows, as moby does.
/// </summary>
internal static partial class PsCommand
{
    private static readonly string[] Environment = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"];

    /// <summary>Refuses "-o x=PID..." with another name than pid: that would hide the PID column moby keys rows by.</summary>
    public static void Validate(string psArgs)
    {
        foreach (Match match in RenamedPidColumn().Matches(psArgs))
        {
            if (match.Groups[1].Value != "pid")
            {
                throw Errors.InvalidArgument($"specifying \"{match.Groups[1].Value}={match.Groups[2].Value}\" is not allowed");
            }
        }
    }

    public static async Task<ProcessList> RunAsync(string psArgs, IReadOnlyList<int> pids, CancellationToken ct)
    {
        var args = psArgs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // some options (f) cannot be combined with -q: then ps runs over every process and the rows are filtered
        var (code, output, error) = await RunPsAsync([.. args, "-q" + string.Join(',', pids)], ct).ConfigureAwait(false);
        if (code != 0)
        {
            (code, output, error) = await RunPsAsync(args, ct).ConfigureAwait(false);
            if (code != 0)
            {
                var reason = error.Split('\n')[0];
                throw Errors.Internal("ps: " + (reason.Length > 0 ? reason : $"exit status {code}"));
            }
        }

        return Parse(output, pids);
    }

    /// <summary>moby's parsePSOutput: titles from the first line; rows of the given PIDs, with the thread lines ("-" as PID) that follow them.</summary>
    internal static ProcessList Parse(string output, IReadOnlyCollection<int> pids)
    {
        var lines = output.Split('\n');
        var titles = Fields(lines[0]);
        var pidIndex = Array.IndexOf(titles, "PID");
        if (pidIndex < 0)
        {
            throw Errors.Internal("Couldn't find PID field in ps output");
        }

        var rows = new List<IReadOnlyList<string>>();
        var inContainer = false;
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = Fields(line);
            if (fields[pidIndex] == "-")
            {
                if (inContainer)
                {
                    rows.Add(Row(fields, titles.Length));
                }

                continue;
            }

            if (!int.TryParse(fields[pidIndex], NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                throw Errors.Internal($"Unexpected pid '{fields[pidIndex]}'");
            }

            inContainer = pids.Contains(pid);
            if (inContainer)
            {
                rows.Add(Row(fields, titles.Length));
            }
        }

        return new ProcessList(titles, rows);
    }

    /// <summary>As many values as titles: the overhanging fields (the command's words) are joined into the last.</summary>
    private static List<string> Row(string[] fields, int columns) =>
        [.. fields[..(columns - 1)], string.Join(' ', fields[(columns - 1)..])];

    private static string[] Fields(string line) => line.Split([' ', '\t', '\n', '\f', '\r'], StringSplitOptions.RemoveEmptyEntries);

    private static async Task<(int Code, string Output, string Error)> RunPsAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        var ran = await Spawner.RunAsync("/usr/bin/ps", args, Environment, ct).ConfigureAwait(false);
        return (ran.Status.ShellCode, ran.Stdout, ran.Stderr);
    }

    [GeneratedRegex(@"\s+([^\s]*)=\s*(PID[^\s]*)")]
    private static partial Regex RenamedPidColumn();
}
