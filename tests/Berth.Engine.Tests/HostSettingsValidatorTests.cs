using Berth.Core.Errors;
using Berth.Engine.Containers;

namespace Berth.Engine.Tests;

public sealed class HostSettingsValidatorTests
{
    [Theory]
    [InlineData(1024, 0, 0L, "Minimum memory limit allowed is 6MB")]
    [InlineData(64L * 1024 * 1024, 32L * 1024 * 1024, 0L, "Minimum memoryswap limit should be larger than memory limit, see usage")]
    [InlineData(0, 0, 3_000_000_000L, "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available")]
    public void Refuses_what_docker_refuses(long memory, long swap, long nanoCpus, string message)
    {
        var e = Assert.Throws<BerthException>(() => HostSettingsValidator.Validate(new HostSettings { Memory = memory, MemorySwap = swap, NanoCpus = nanoCpus }, cpuCount: 2));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Auto_remove_with_a_restart_policy_is_refused()
    {
        var e = Assert.Throws<BerthException>(() => HostSettingsValidator.Validate(
            new HostSettings { AutoRemove = true, RestartPolicy = new RestartPolicySettings("always", 0) }, 2));
        Assert.Equal("can't create 'AutoRemove' container with restart policy", e.Message);
    }

    [Fact]
    public void Sensible_limits_pass() =>
        HostSettingsValidator.Validate(new HostSettings { Memory = 16 * 1024 * 1024, NanoCpus = 1_500_000_000, PidsLimit = 20 }, 2);
}
