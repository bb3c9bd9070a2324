using System.Diagnostics;
using Berth.Linux;
using Berth.Runtime.Tests.Support;

namespace Berth.Runtime.Tests;

/// <summary>
/// How long a container running <c>true</c> takes from RunAsync to its reaped exit and deletion, beside
/// the runtime doing the same alone (<c>run</c> in the foreground, which deletes on exit). Reported in
/// the test output; asserted only loosely, as machines differ.
/// </summary>
[Collection(RootRuntimeCollection.Name)]
public sealed class LatencyTests(RuntimeFixture fixture)
{
    private const int Runs = 15;

    [RequiresRootTheory]
    [MemberData(nameof(CliRuntimeTests.Runtimes), MemberType = typeof(CliRuntimeTests))]
    public async Task Run_true_costs_little_more_than_the_runtime_itself(string name)
    {
        Root.Require();
        var runtime = fixture.Runtime(name);
        var ours = new List<double>();
        var exited = new List<double>();
        var bare = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var spec = fixture.Container("true");
            var clock = Stopwatch.StartNew();
            await using (var process = await runtime.RunAsync(spec, StdioSpec.NoStdin, TestContext.Current.CancellationToken))
            {
                await process.Exited;
            }

            exited.Add(clock.Elapsed.TotalMilliseconds);

            await runtime.DeleteAsync(spec.Id, force: false, TestContext.Current.CancellationToken);
            ours.Add(clock.Elapsed.TotalMilliseconds);

            var alone = fixture.Container("true");
            File.Copy(Path.Combine(spec.BundleDir, "config.json"), Path.Combine(alone.BundleDir, "config.json"));
            clock.Restart();
            await RunAloneAsync(runtime, ["run", "--bundle", alone.BundleDir, alone.Id]);
            bare.Add(clock.Elapsed.TotalMilliseconds);
        }

        var (oursMedian, bareMedian) = (Median(ours), Median(bare));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{name}: RunAsync to Exited median {Median(exited):F1} ms, with Delete {oursMedian:F1} ms; {name} run alone {bareMedian:F1} ms");
        Assert.True(oursMedian < (bareMedian * 3) + 50, $"{oursMedian:F1} ms against {bareMedian:F1} ms");
    }

    private static async Task RunAloneAsync(CliRuntime runtime, string[] args)
    {
        var ran = await Spawner.RunAsync(runtime.Path, ["--root", runtime.StateRoot, .. args], ["PATH=/usr/bin:/bin"]);
        Assert.True(ran.Status.ExitCode == 0, ran.Stderr);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
