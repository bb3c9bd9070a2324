using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Core.Errors;

namespace Berth.Runtime;

/// <summary>
/// Reads a runtime's --log (JSON lines) and words its failure as Docker does, so the docker CLI maps
/// "executable file not found"/"no such file or directory" to exit 127 and "permission denied" to 126.
/// </summary>
internal static partial class RuntimeErrors
{
    [GeneratedRegex("executable file `(?<cmd>[^`]*)` not found")]
    private static partial Regex CrunNotFound();

    [GeneratedRegex(@"exec(ve)?\s*`(?<cmd>[^`]*)`:\s*(?<err>.*)", RegexOptions.IgnoreCase)]
    private static partial Regex CrunExecFailed();

    public static string LastError(string logFile, string fallback)
    {
        if (!File.Exists(logFile))
        {
            return fallback;
        }

        string? message = null;
        foreach (var line in File.ReadLines(logFile))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var level = doc.RootElement.TryGetProperty("level", out var l) ? l.GetString() : "error";
                if (level is "error" or "fatal" && doc.RootElement.TryGetProperty("msg", out var msg))
                {
                    message = msg.GetString();
                }
            }
            catch (JsonException)
            {
                message = line.Trim().Length > 0 ? line.Trim() : message;
            }
        }

        return message ?? fallback;
    }

    /// <summary>A start failure as Docker reports it: "failed to create task for container: ... exec: "x": executable file not found in $PATH".</summary>
    public static BerthException StartFailed(string message, bool exec)
    {
        var prefix = exec ? "OCI runtime exec failed: exec failed: unable to start container process: " : "failed to create task for container: failed to create shim task: OCI runtime create failed: unable to start container process: ";
        var notFound = CrunNotFound().Match(message);
        string detail;
        if (notFound.Success)
        {
            detail = $"exec: \"{notFound.Groups["cmd"].Value}\": executable file not found in $PATH";
        }
        else if (CrunExecFailed().Match(message) is { Success: true } failed)
        {
            var cmd = failed.Groups["cmd"].Value;
            var error = failed.Groups["err"].Value.ToLowerInvariant();
            detail = error.Contains("no such file", StringComparison.Ordinal) ? $"exec: \"{cmd}\": stat {cmd}: no such file or directory"
                : error.Contains("permission denied", StringComparison.Ordinal) ? $"exec: \"{cmd}\": permission denied"
                : $"exec: \"{cmd}\": {error}";
        }
        else
        {
            detail = message.Replace("No such file or directory", "no such file or directory", StringComparison.Ordinal)
                .Replace("Permission denied", "permission denied", StringComparison.Ordinal);
        }

        return new BerthException(ErrorKind.Internal, prefix + detail + ": unknown");
    }

    public static int ExitCodeFor(string message) =>
        message.Contains("executable file not found", StringComparison.Ordinal) || message.Contains("no such file or directory", StringComparison.Ordinal) ? 127 : 126;

    public static BerthException CommandFailed(string runtime, string command, string message) =>
        new(ErrorKind.Internal, $"{runtime} {command}: {message.Trim()}");
}
