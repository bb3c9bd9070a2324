using System.Net.Sockets;
using System.Text;

namespace Berth.IntegrationTests.Support;

/// <summary>Sends hand-made requests to the daemon's socket, for inputs no client would send.</summary>
public static class RawHttp
{
    public static HttpClient Client(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    })
    {
        BaseAddress = new Uri("http://berth"),
    };

    public static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}
