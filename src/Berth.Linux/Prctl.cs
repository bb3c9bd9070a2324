namespace Berth.Linux;

/// <summary>prctl(2) options Berth uses.</summary>
public static class Prctl
{
    /// <summary>Orphaned descendants (a container's init once its runtime exits) become our children, so we reap them.</summary>
    public static void SetChildSubreaper()
    {
        if (Interop.Libc.prctl(Interop.Libc.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0)
        {
            throw LinuxException.FromLastError("prctl(PR_SET_CHILD_SUBREAPER)");
        }
    }
}
