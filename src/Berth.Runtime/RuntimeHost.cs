using Berth.Linux;

namespace Berth.Runtime;

/// <summary>Process-wide setup a host of the runtime (berthd, a test, an embedding app) does once, before starting containers.</summary>
public static class RuntimeHost
{
    /// <summary>
    /// Become a child subreaper, so container inits, which outlive their runtime process, become our
    /// children and are reaped by us; and reap the strays that come with that.
    /// </summary>
    public static void Initialize()
    {
        Prctl.SetChildSubreaper();
        StrayReaper.Enable();
    }
}
