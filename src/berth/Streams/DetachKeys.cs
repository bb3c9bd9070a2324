namespace Berth.Cli.Streams;

/// <summary>
/// The key sequence that detaches from a TTY container (default ctrl-p,ctrl-q), parsed as moby/term's
/// ToBytes does, and matched on stdin as its escape proxy does: the keys are swallowed; a partial
/// match that does not complete is passed on.
/// </summary>
internal sealed class DetachKeys
{
    public static readonly byte[] Default = [16, 17];

    private readonly byte[] _keys;
    private int _matched;

    public DetachKeys(byte[] keys) => _keys = keys;

    public static byte[] Parse(string keys)
    {
        var codes = new List<byte>();
        foreach (var key in keys.Split(','))
        {
            if (key.Length == 1)
            {
                codes.Add((byte)key[0]);
                continue;
            }

            if (key == "DEL")
            {
                codes.Add(127);
                continue;
            }

            if (key.StartsWith("ctrl-", StringComparison.Ordinal) && key.Length == 6)
            {
                var c = key[5];
                int? code = c switch
                {
                    '@' => 0,
                    >= 'a' and <= 'z' => c - 'a' + 1,
                    '[' => 27,
                    '\\' => 28,
                    ']' => 29,
                    '^' => 30,
                    '_' => 31,
                    _ => null,
                };
                if (code is { } value)
                {
                    codes.Add((byte)value);
                    continue;
                }
            }

            throw new FormatException($"Unknown character: '{key}'");
        }

        return [.. codes];
    }

    /// <summary>The bytes of <paramref name="input"/> to forward, and whether the sequence completed (detach).</summary>
    public (byte[] Forward, bool Detached) Scan(ReadOnlySpan<byte> input)
    {
        var forward = new List<byte>(input.Length);
        foreach (var b in input)
        {
            if (b == _keys[_matched])
            {
                _matched++;
                if (_matched == _keys.Length)
                {
                    return ([.. forward], true);
                }

                continue;
            }

            // a broken partial match: what was held back goes through after all
            for (var i = 0; i < _matched; i++)
            {
                forward.Add(_keys[i]);
            }

            _matched = 0;
            if (b == _keys[0])
            {
                _matched = 1;
                if (_keys.Length == 1)
                {
                    return ([.. forward], true);
                }

                continue;
            }

            forward.Add(b);
        }

        return ([.. forward], false);
    }
}
