namespace Berth.Linux;

public static class Prctl
{
    private const int PR_SET_CHILD_SUBREAPER = 36;

    /// <summary>Orphaned descendants (a container's init once its runtime exits) become our children, so we reap them.</summary>
    public static void SetChildSubreaper()
    {
        if (Interop.Libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        {
            throw LinuxException.FromLastError("prctl(PR_SET_CHILD_SUBREAPER)");
        }
    }
}
