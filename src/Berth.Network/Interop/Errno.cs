namespace Berth.Network;

/// <summary>The errno values this library branches on (x86_64 and arm64 share them).</summary>
internal static class Errno
{
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
}
