using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Client.Streams;

/// <summary>Reads a stream of JSON documents (progress messages, events), one per line.</summary>
public static class JsonStream
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(Stream source, JsonTypeInfo<T> type, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var item = JsonSerializer.Deserialize(line, type);
            if (item is not null)
            {
                yield return item;
            }
        }
    }
}
