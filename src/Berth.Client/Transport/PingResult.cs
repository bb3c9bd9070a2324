namespace Berth.Client.Transport;

/// <summary>What HEAD /_ping tells about the daemon (its response headers).</summary>
public sealed record PingResult(string ApiVersion, string OsType, bool Experimental, string BuilderVersion, string SwarmStatus);
