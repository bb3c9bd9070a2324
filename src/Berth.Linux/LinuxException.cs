using System.Runtime.InteropServices;

namespace Berth.Linux;

/// <summary>A failed system call: the errno, the call and, where there is one, the path it was about.</summary>
public sealed class LinuxException : Exception
{
    public LinuxException(int errno, string syscall, string? path = null)
        : base(Format(errno, syscall, path))
    {
        Errno = errno;
        Syscall = syscall;
        Path = path;
    }

    public int Errno { get; }

    public string Syscall { get; }

    public string? Path { get; }

    /// <summary>Throws for the errno of the last P/Invoke.</summary>
    public static LinuxException FromLastError(string syscall, string? path = null) =>
        new(Marshal.GetLastPInvokeError(), syscall, path);

    private static string Format(int errno, string syscall, string? path) =>
        path is null
            ? $"{syscall}: {Marshal.GetPInvokeErrorMessage(errno)}"
            : $"{syscall} {path}: {Marshal.GetPInvokeErrorMessage(errno)}";
}
