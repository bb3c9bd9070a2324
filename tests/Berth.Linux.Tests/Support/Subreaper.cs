namespace Berth.Linux.Tests.Support;

/// <summary>Makes the test process what the daemon is: a child subreaper that reaps its strays.</summary>
internal static class Subreaper
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        Prctl.SetChildSubreaper();
        StrayReaper.Enable();
        return true;
    });

    public static void Ensure() => _ = Initialized.Value;
}
