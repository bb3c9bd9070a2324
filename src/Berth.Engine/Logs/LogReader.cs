using System.Runtime.CompilerServices;

namespace Berth.Engine.Logs;

/// <summary>Reads a json-file log from disk, up to a given length, honouring --tail/--since/--until.</summary>
public static class LogReader
{
    public static async IAsyncEnumerable<LogEntry> ReadAsync(string path, long upTo, LogQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        if (!File.Exists(path) || upTo == 0)
        {
            yield break;
        }

        var entries = new List<LogEntry>();
        var tail = query.Tail;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan))
        {
            var limited = new LimitedLines(file, upTo);
            await foreach (var line in limited.ReadLinesAsync(ct).ConfigureAwait(false))
            {
                var entry = JsonFileFormat.Parse(line.Span);
                if (entry is null || !query.Accepts(entry))
                {
                    continue;
                }

                if (tail is null)
                {
                    yield return entry;
                    continue;
                }

                entries.Add(entry);
                if (entries.Count > tail.Value * 2 + 1024)
                {
                    entries.RemoveRange(0, entries.Count - tail.Value);
                }
            }
        }

        if (tail is { } n)
        {
            foreach (var entry in entries.Skip(Math.Max(0, entries.Count - n)))
            {
                yield return entry;
            }
        }
    }

    /// <summary>Newline-delimited lines of a stream, reading no further than a byte limit.</summary>
    private sealed class LimitedLines(Stream stream, long limit)
    {
        public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadLinesAsync([EnumeratorCancellation] CancellationToken ct)
        {
            var buffer = new byte[64 * 1024];
            var pending = new MemoryStream();
            long read = 0;
            while (read < limit)
            {
                var want = (int)Math.Min(buffer.Length, limit - read);
                var n = await stream.ReadAsync(buffer.AsMemory(0, want), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
                var start = 0;
                for (var i = 0; i < n; i++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        continue;
                    }

                    pending.Write(buffer, start, i - start);
                    yield return pending.ToArray();
                    pending.SetLength(0);
                    start = i + 1;
                }

                pending.Write(buffer, start, n - start);
            }

            if (pending.Length > 0)
            {
                yield return pending.ToArray();
            }
        }
    }
}

/// <summary>What `logs` asks for.</summary>
public sealed record LogQuery(int? Tail, DateTime? Since, DateTime? Until, bool Stdout, bool Stderr)
{
    public bool Accepts(LogEntry entry) =>
        (entry.Stream == Containers.StdStream.Stderr ? Stderr : Stdout) &&
        (Since is null || entry.Time > Since) &&
        (Until is null || entry.Time <= Until);
}
