using Berth.Linux;

namespace Berth.Runtime;

/// <summary>Process-wide setup a host of the runtime does once, before starting containers.</summary>
public static class RuntimeHost
{
    /// <summary>Become a child subreaper: container inits outlive their runtime process and must be reaped by us.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static void Initialize()
    {
        Prctl.SetChildSubreaper();
        StrayReaper.Enable();
    }
}
