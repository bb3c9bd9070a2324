namespace Berth.Engine.Containers;

/// <summary>The standard streams, numbered as in Docker's multiplexed frames.</summary>
public enum StdStream : byte
{
    Stdin = 0,
    Stdout = 1,
    Stderr = 2,
}

/// <summary>Bytes a container wrote, as one write (frames keep write boundaries).</summary>
public readonly record struct OutputChunk(StdStream Stream, ReadOnlyMemory<byte> Data);
