namespace Berth.IntegrationTests.Support;

/// <summary>Base of the integration tests: the shared daemon, its clients, and names unique to this test.</summary>
[Collection(DaemonCollection.Name)]
public abstract class IntegrationTest
{
    protected IntegrationTest(DaemonFixture daemon)
    {
        Requires.Root();
        Daemon = daemon;
    }

    protected DaemonFixture Daemon { get; }

    protected Cli Docker => Daemon.Docker;

    protected Cli Berth => Daemon.Berth;

    /// <summary>A container name unique to this test run.</summary>
    protected static string Name(string hint) => $"it-{hint}-{Guid.NewGuid().ToString("N")[..6]}";

    protected Task<CommandResult> DockerAsync(params string[] args) => Docker.RunAsync(args);

    protected Task<CommandResult> BerthAsync(params string[] args) => Berth.RunAsync(args);
}
