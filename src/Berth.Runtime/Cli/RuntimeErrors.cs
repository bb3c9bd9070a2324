using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Runtime.Cli;

/// <summary>
/// Reads a runtime's --log (JSON lines with "msg") and words a start failure as Docker does with runc, so
/// that clients keep mapping "executable file not found" and "no such file or directory" to exit 127 and
/// "permission denied" to 126, whichever runtime failed.
/// </summary>
internal static partial class RuntimeErrors
{
    private const string StartPrefix = "unable to start container process: ";

    [GeneratedRegex("^executable file `(?<cmd>[^`]*)` not found")]
    private static partial Regex CrunNotFound();

    [GeneratedRegex("^open executable: (Permission denied|Operation not permitted)")]
    private static partial Regex CrunNotExecutable();

    [GeneratedRegex("^(runc (run|create|exec|start) failed: )?(exec failed: )?")]
    private static partial Regex RuncPrefix();

    /// <summary>The last error the runtime logged, or null.</summary>
    public static string? LastError(string logFile)
    {
        if (!File.Exists(logFile))
        {
            return null;
        }

        string? message = null;
        foreach (var line in File.ReadLines(logFile))
        {
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var entry = JsonDocument.Parse(line);
                var level = entry.RootElement.TryGetProperty("level", out var l) ? l.GetString() : "error";
                if (level is "error" or "fatal" && entry.RootElement.TryGetProperty("msg", out var msg))
                {
                    message = msg.GetString();
                }
            }
            catch (JsonException)
            {
                message = line.Trim();
            }
        }

        return message;
    }

    /// <summary>
    /// A start failure: "failed to create task for container: ... exec: "x": executable file not found in $PATH: unknown"
    /// for a container, "OCI runtime exec failed: exec failed: ... : unknown" for an exec.
    /// </summary>
    /// <param name="command">The program the process was to run (its args[0]).</param>
    public static BerthException StartFailed(string runtimeMessage, string command, bool exec)
    {
        var prefix = exec
            ? "OCI runtime exec failed: exec failed: "
            : "failed to create task for container: failed to create shim task: OCI runtime create failed: ";
        return Errors.Internal(prefix + StartPrefix + Detail(runtimeMessage, command) + ": unknown");
    }

    public static BerthException CommandFailed(string runtime, string command, string message) =>
        Errors.Internal($"{runtime} {command}: {message.Trim()}");

    /// <summary>runc's words for why the process could not start; crun's translated to them.</summary>
    internal static string Detail(string runtimeMessage, string command)
    {
        var message = RuncPrefix().Replace(runtimeMessage.Trim(), "");
        if (message.StartsWith(StartPrefix, StringComparison.Ordinal))
        {
            return message[StartPrefix.Length..];
        }

        if (CrunNotFound().Match(message) is { Success: true } notFound)
        {
            var cmd = notFound.Groups["cmd"].Value;
            return cmd.Contains('/', StringComparison.Ordinal)
                ? $"exec: \"{cmd}\": stat {cmd}: no such file or directory"
                : $"exec: \"{cmd}\": executable file not found in $PATH";
        }

        if (CrunNotExecutable().IsMatch(message))
        {
            return $"exec: \"{command}\": permission denied";
        }

        return message.Replace("No such file or directory", "no such file or directory", StringComparison.Ordinal)
            .Replace("Permission denied", "permission denied", StringComparison.Ordinal);
    }
}
