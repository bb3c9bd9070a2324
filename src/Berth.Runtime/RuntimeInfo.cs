namespace Berth.Runtime;

/// <summary>An installed runtime: its name and executable.</summary>
public sealed record RuntimeInfo(string Name, string Path);
