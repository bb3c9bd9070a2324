using System.Runtime.InteropServices;

namespace Berth.Cli.Cli;

/// <summary>A failed file operation worded as Go's *PathError prints it: "open /x: no such file or directory".</summary>
internal static class OsError
{
    public static bool IsFileError(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>.NET refuses to open a directory; Go opens it and fails on the first read.</summary>
    public static string Describe(string operation, string path, Exception e) =>
        e is UnauthorizedAccessException && Directory.Exists(path) ? $"read {path}: is a directory" : $"{operation} {path}: {Reason(e)}";

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "file name too long",

        // .NET keeps the errno as the HResult of the IOExceptions it has no type for
        IOException { HResult: > 0 and < 4096 } io => LowerFirst(Marshal.GetPInvokeErrorMessage(io.HResult)),
        _ => e.Message,
    };

    private static string LowerFirst(string text) => text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
