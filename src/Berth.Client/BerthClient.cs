using Berth.Client.Operations;
using Berth.Client.Transport;

namespace Berth.Client;

/// <summary>A client of berthd (or any Docker Engine API on a Unix socket), grouped by resource.</summary>
public sealed class BerthClient : IDisposable
{
    public BerthClient(DaemonHost host, string userAgent, string? apiVersionOverride = null)
    {
        Transport = new ApiTransport(host, userAgent, apiVersionOverride);
        Containers = new ContainerOperations(Transport);
        Images = new ImageOperations(Transport);
        Execs = new ExecOperations(Transport);
        System = new SystemOperations(Transport);
        Volumes = new VolumeOperations(Transport);
        Networks = new NetworkOperations(Transport);
    }

    public ApiTransport Transport { get; }

    public DaemonHost Host => Transport.Host;

    public ContainerOperations Containers { get; }

    public ImageOperations Images { get; }

    public ExecOperations Execs { get; }

    public SystemOperations System { get; }

    public VolumeOperations Volumes { get; }

    public NetworkOperations Networks { get; }

    public void Dispose() => Transport.Dispose();
}
