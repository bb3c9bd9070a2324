using System.Text;

namespace Berth.Runtime.Tests.Support;

internal static class Streams
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<string> ReadAllAsync(Stream? stream)
    {
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        return await reader.ReadToEndAsync().WaitAsync(Timeout);
    }

    /// <summary>Reads until the text read so far contains <paramref name="expected"/>; returns all of it.</summary>
    public static async Task<string> ReadUntilAsync(Stream stream, string expected)
    {
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains(expected, StringComparison.Ordinal))
        {
            var n = await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout);
            Assert.True(n > 0, $"end of stream before \"{expected}\"; read: {text}");
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return text.ToString();
    }
}
