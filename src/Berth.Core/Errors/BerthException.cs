using System.Diagnostics.CodeAnalysis;

namespace Berth.Core.Errors;

/// <summary>An error with a kind the API can map to a status and a message a user can read.</summary>
public class BerthException : Exception
{
    public BerthException(ErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public ErrorKind Kind { get; }

    [DoesNotReturn]
    public static void Throw(ErrorKind kind, string message) => throw new BerthException(kind, message);
}
