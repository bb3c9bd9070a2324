using Berth.Engine.Containers;

namespace Berth.Engine.Logs;

/// <summary>One log line: which stream, when, and its bytes (with the newline, if it had one).</summary>
public sealed record LogEntry(StdStream Stream, DateTime Time, ReadOnlyMemory<byte> Line);
