namespace Berth.Network.Ports;

public enum PortProtocol
{
    Tcp,
    Udp,
}
