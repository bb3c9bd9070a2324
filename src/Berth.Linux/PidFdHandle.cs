namespace Berth.Linux;

/// <summary>A process file descriptor: readable once the process has exited; signals sent through it reach exactly that process.</summary>
public sealed class PidFdHandle : SafeFdHandle
{
    internal PidFdHandle(int fd)
        : base(fd)
    {
    }
}
