namespace Berth.Network.Tests.Support;

/// <summary>Tests that need root skip without it, except on CI (CI=true), where a skip would hide a gap: they fail.</summary>
internal static class Requires
{
    public static void Root()
    {
        if (Environment.IsPrivilegedProcess)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.Fail("this test needs root, and CI=true does not let it skip");
        }

        Assert.Skip("this test needs root");
    }
}
