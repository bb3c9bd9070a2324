using Microsoft.Extensions.Logging;

namespace Berth.Network;

/// <summary>Log events of Berth.Network: ids 4000-4099.</summary>
internal static partial class NetworkLog
{
    [LoggerMessage(4001, LogLevel.Debug, "proxy {Listen} -> {Backend}: {Message}")]
    public static partial void ProxyConnectionFailed(ILogger logger, string listen, string backend, string message);

    [LoggerMessage(4002, LogLevel.Warning, "proxy {Listen} stopped accepting: {Message}")]
    public static partial void ProxyStopped(ILogger logger, string listen, string message);

    [LoggerMessage(4010, LogLevel.Debug, "dns {Listen}: {Message}")]
    public static partial void DnsQueryFailed(ILogger logger, string listen, string message);

    [LoggerMessage(4011, LogLevel.Warning, "dns {Listen} stopped serving: {Message}")]
    public static partial void DnsStopped(ILogger logger, string listen, string message);
}
