using System.Buffers;
using System.Text;
using Berth.Engine.Containers;
using Berth.Engine.Logs;

namespace Berth.Engine.Tests;

public sealed class LogTests
{
    [Fact]
    public void Splitter_cuts_at_newlines_and_flushes_the_rest()
    {
        var lines = new List<string>();
        var splitter = new LogLineSplitter();
        splitter.Feed("a\nbb"u8, l => lines.Add(Encoding.UTF8.GetString(l.Span)));
        splitter.Feed("b\nc"u8, l => lines.Add(Encoding.UTF8.GetString(l.Span)));
        splitter.Flush(l => lines.Add(Encoding.UTF8.GetString(l.Span)));
        Assert.Equal(["a\n", "bbb\n", "c"], lines);
    }

    [Fact]
    public void Splitter_cuts_long_lines_at_16k()
    {
        var lines = new List<int>();
        var splitter = new LogLineSplitter();
        splitter.Feed(new byte[40 * 1024], l => lines.Add(l.Length));
        splitter.Flush(l => lines.Add(l.Length));
        Assert.Equal([16384, 16384, 8192], lines);
    }

    [Fact]
    public void Json_file_lines_are_dockers_format_and_round_trip()
    {
        var time = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567);
        var buffer = new ArrayBufferWriter<byte>();
        JsonFileFormat.Write(buffer, new LogEntry(StdStream.Stderr, time, "say \"hi\"\n"u8.ToArray()));
        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.Equal("{\"log\":\"say \\\"hi\\\"\\n\",\"stream\":\"stderr\",\"time\":\"2025-01-02T03:04:05.1234567Z\"}\n", line);
        var parsed = JsonFileFormat.Parse(buffer.WrittenSpan[..^1])!;
        Assert.Equal(StdStream.Stderr, parsed.Stream);
        Assert.Equal(time, parsed.Time);
        Assert.Equal("say \"hi\"\n", Encoding.UTF8.GetString(parsed.Line.Span));
    }

    [Fact]
    public async Task Reader_honours_tail_and_streams()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var log = new ContainerLog(path))
            {
                log.BeginRun();
                for (var i = 0; i < 5; i++)
                {
                    log.Append(new LogEntry(i % 2 == 0 ? StdStream.Stdout : StdStream.Stderr, DateTime.UtcNow, Encoding.UTF8.GetBytes($"{i}\n")));
                }
            }

            var length = new FileInfo(path).Length;
            var tail = await Read(path, length, new LogQuery(2, null, null, true, true));
            Assert.Equal(["3\n", "4\n"], tail);
            var stdout = await Read(path, length, new LogQuery(null, null, null, true, false));
            Assert.Equal(["0\n", "2\n", "4\n"], stdout);
            Assert.Empty(await Read(path, length, new LogQuery(0, null, null, true, true)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Environment_puts_defaults_first_and_lets_the_container_override()
    {
        var env = ProcessEnvironment.Build("host1", tty: true, [], ["PATH=/custom", "A=b"]);
        Assert.Equal(["PATH=/custom", "HOSTNAME=host1", "TERM=xterm", "A=b"], env);
    }

    private static async Task<List<string>> Read(string path, long length, LogQuery query)
    {
        var lines = new List<string>();
        await foreach (var entry in LogReader.ReadAsync(path, length, query, CancellationToken.None))
        {
            lines.Add(Encoding.UTF8.GetString(entry.Line.Span));
        }

        return lines;
    }
}
