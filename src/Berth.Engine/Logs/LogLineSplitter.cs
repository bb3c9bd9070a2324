namespace Berth.Engine.Logs;

/// <summary>
/// Cuts a stream of writes into log lines as Docker's json-file driver does: at each newline, and a
/// partial line at 16 KiB or when the stream ends.
/// </summary>
public sealed class LogLineSplitter
{
    private const int MaxLine = 16 * 1024;
    private readonly MemoryStream _pending = new();

    public void Feed(ReadOnlySpan<byte> data, Action<ReadOnlyMemory<byte>> emit)
    {
        while (!data.IsEmpty)
        {
            var newline = data.IndexOf((byte)'\n');
            var room = MaxLine - (int)_pending.Length;
            if (newline >= 0 && newline < room)
            {
                _pending.Write(data[..(newline + 1)]);
                data = data[(newline + 1)..];
                Emit(emit);
                continue;
            }

            var take = Math.Min(room, data.Length);
            _pending.Write(data[..take]);
            data = data[take..];
            if (_pending.Length >= MaxLine)
            {
                Emit(emit);
            }
        }
    }

    public void Flush(Action<ReadOnlyMemory<byte>> emit)
    {
        if (_pending.Length > 0)
        {
            Emit(emit);
        }
    }

    private void Emit(Action<ReadOnlyMemory<byte>> emit)
    {
        emit(_pending.ToArray());
        _pending.SetLength(0);
    }
}
