namespace Berth.IntegrationTests.Support;

/// <summary>A deadline-bounded wait for something the kernel finishes in the background (no fixed sleeps).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"condition not met within {timeout}");
            }

            await Task.Delay(50);
        }
    }
}
