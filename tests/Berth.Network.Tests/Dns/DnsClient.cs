using System.Net;
using System.Net.Sockets;
using Berth.Network.Dns;

namespace Berth.Network.Tests.Dns;

/// <summary>Sends one query and reads the reply, over UDP or TCP, from whatever namespace the socket was made in.</summary>
internal static class DnsClient
{
    public static byte[] Query(string name, DnsRecordType type, ushort id = 0x4242)
    {
        var query = new DnsMessage { Id = id, RecursionDesired = true };
        query.Questions.Add(new DnsQuestion(name, type));
        return query.Serialize();
    }

    public static async Task<DnsMessage> AskUdpAsync(Socket socket, IPEndPoint server, byte[] query)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendToAsync(query, SocketFlags.None, server, timeout.Token);
        var buffer = new byte[65535];
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
        return DnsMessage.Parse(buffer.AsSpan(0, read));
    }

    public static async Task<DnsMessage> AskUdpAsync(IPEndPoint server, byte[] query)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        return await AskUdpAsync(socket, server, query);
    }

    public static async Task<DnsMessage> AskTcpAsync(Socket socket, IPEndPoint server, byte[] query)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(server, timeout.Token);
        await DnsTcp.WriteAsync(socket, query, timeout.Token);
        return DnsMessage.Parse(await DnsTcp.ReadAsync(socket, timeout.Token) ?? throw new InvalidOperationException("no reply"));
    }
}
