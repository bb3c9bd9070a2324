namespace Berth.Runtime;

/// <summary>The OCI runtimes Berth drives; they share the runc command line.</summary>
public enum RuntimeFlavor
{
    Crun,
    Runc,
}
