using System.Net;

namespace Berth.Client;

/// <summary>A non-2xx answer of the daemon, worded as the docker CLI words it.</summary>
public sealed class DaemonException : Exception
{
    private const string Prefix = "Error response from daemon: ";

    public DaemonException(HttpStatusCode statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The daemon's own text, without the "Error response from daemon: " prefix.</summary>
    public string DaemonMessage => Message.StartsWith(Prefix, StringComparison.Ordinal) ? Message[Prefix.Length..] : Message;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>The daemon's <c>message</c>, prefixed as the docker CLI prints it.</summary>
    public static DaemonException FromDaemon(HttpStatusCode statusCode, string daemonMessage) =>
        new(statusCode, Prefix + daemonMessage.Trim());
}
