namespace Berth.IntegrationTests.Support;

/// <summary>
/// Integration tests need root (namespaces, mounts, cgroups). Locally they skip without it; on CI
/// (CI=true) a missing prerequisite is a failure, never a silent skip.
/// </summary>
public static class Requires
{
    public static bool IsRoot => Environment.UserName == "root";

    public static void Root()
    {
        if (IsRoot)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail("integration tests must run as root on CI");
        }

        Assert.Skip("integration tests need root");
    }
}
