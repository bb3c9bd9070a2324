using System.Runtime.CompilerServices;

namespace Berth.Linux.Tests.Support;

/// <summary>
/// A fact that needs root: skipped without it, except on CI (CI=true), where it runs and
/// <see cref="Root.Require"/> fails it, because a skip there would hide a gap.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRootFactAttribute : FactAttribute
{
    public RequiresRootFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (!Root.IsRoot && !Root.OnCi)
        {
            Skip = "needs root";
        }
    }
}

public static class Root
{
    public static bool IsRoot => Environment.IsPrivilegedProcess;

    public static bool OnCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>First line of a root test: fails it on CI without root.</summary>
    public static void Require()
    {
        if (!IsRoot)
        {
            Assert.Fail("this test needs root, and CI=true does not let it skip");
        }
    }
}
