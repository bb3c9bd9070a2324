using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Berth.Engine.Containers;

namespace Berth.Engine.Logs;

/// <summary>Docker's json-file line: <c>{"log":"hello\n","stream":"stdout","time":"2025-01-02T03:04:05.123456789Z"}</c>.</summary>
public static class JsonFileFormat
{
    public static void Write(IBufferWriter<byte> output, LogEntry entry)
    {
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("log"u8, Encoding.UTF8.GetString(entry.Line.Span));
            writer.WriteString("stream"u8, entry.Stream == StdStream.Stderr ? "stderr"u8 : "stdout"u8);
            writer.WriteString("time"u8, FormatTime(entry.Time));
            writer.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    public static LogEntry? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            string? log = null;
            var stream = StdStream.Stdout;
            var time = default(DateTime);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.ValueTextEquals("log"u8))
                {
                    reader.Read();
                    log = reader.GetString();
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.ValueTextEquals("stderr"u8) ? StdStream.Stderr : StdStream.Stdout;
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    reader.Read();
                    time = DateTime.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                }
            }

            return log is null ? null : new LogEntry(stream, time, Encoding.UTF8.GetBytes(log));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>RFC 3339 with nanoseconds, trailing zeros trimmed, as Go writes it.</summary>
    public static string FormatTime(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
