using System.Runtime.InteropServices;
using Berth.Client.Operations;

namespace Berth.Cli.Streams;

/// <summary>
/// --sig-proxy: signals sent to the CLI are passed to the container as POST /kill?signal=NAME
/// (names without "SIG", as moby's SignalMap spells them), instead of ending the CLI.
/// </summary>
internal sealed class SignalForwarder : IDisposable
{
    private static readonly (int Number, string Name)[] Forwarded =
    [
        (1, "HUP"), (2, "INT"), (3, "QUIT"), (10, "USR1"), (12, "USR2"), (14, "ALRM"), (15, "TERM"),
        (18, "CONT"), (20, "TSTP"), (21, "TTIN"), (22, "TTOU"), (28, "WINCH"),
    ];

    private readonly List<PosixSignalRegistration> _registrations = [];

    public SignalForwarder(ContainerOperations containers, string containerId)
    {
        foreach (var (number, name) in Forwarded)
        {
            _registrations.Add(PosixSignalRegistration.Create((PosixSignal)number, context =>
            {
                context.Cancel = true;
                _ = ForwardAsync(containers, containerId, name);
            }));
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private static async Task ForwardAsync(ContainerOperations containers, string containerId, string signal)
    {
        try
        {
            await containers.KillAsync(containerId, signal, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Client.DaemonException or Client.DaemonUnreachableException)
        {
            // docker only logs these at debug level: the container may already be gone
        }
    }
}
