using System.Runtime.InteropServices;

namespace Berth.Network;

/// <summary>
/// A failed system call or netlink request: the errno, the operation and, where there is one, the
/// object it was about (a path, an interface). Callers turn it into a <c>BerthException</c> only where
/// the meaning is certain; otherwise it is an internal error that keeps the errno text.
/// </summary>
public sealed class NetworkException : Exception
{
    public NetworkException(int errno, string operation, string? subject = null, string? detail = null)
        : base(Format(errno, operation, subject, detail))
    {
        Errno = errno;
        Operation = operation;
        Subject = subject;
    }

    public int Errno { get; }

    public string Operation { get; }

    public string? Subject { get; }

    internal static NetworkException FromLastError(string operation, string? subject = null) =>
        new(Marshal.GetLastPInvokeError(), operation, subject);

    private static string Format(int errno, string operation, string? subject, string? detail)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);
        var head = subject is null ? operation : $"{operation} {subject}";
        return detail is null ? $"{head}: {text}" : $"{head}: {text} ({detail})";
    }
}
