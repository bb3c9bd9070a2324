namespace Berth.Api.Hijack;

/// <summary>
/// Watches a TTY's input for the detach sequence: bytes that may start it are held back; if the
/// sequence completes the client detaches, if it breaks they are passed on (moby's copyEscapable).
/// </summary>
public sealed class EscapeScanner(byte[] sequence)
{
    private int _matched;

    /// <summary>Returns the bytes to forward, and whether the sequence was completed.</summary>
    public (byte[] Forward, bool Detach) Scan(ReadOnlySpan<byte> input)
    {
        var forward = new List<byte>(input.Length);
        foreach (var b in input)
        {
            if (b == sequence[_matched])
            {
                _matched++;
                if (_matched == sequence.Length)
                {
                    return ([.. forward], true);
                }

                continue;
            }

            for (var i = 0; i < _matched; i++)
            {
                forward.Add(sequence[i]);
            }

            _matched = b == sequence[0] ? 1 : 0;
            if (_matched == 0)
            {
                forward.Add(b);
            }
        }

        return ([.. forward], false);
    }
}
