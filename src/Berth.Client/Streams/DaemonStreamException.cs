namespace Berth.Client.Streams;

/// <summary>An error the daemon reported inside a stream (a systemerr frame, or an "error" progress message).</summary>
public sealed class DaemonStreamException(string message) : Exception(message);
