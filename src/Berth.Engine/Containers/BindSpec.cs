namespace Berth.Engine.Containers;

/// <summary>One parsed -v entry: a host path or a volume name, where it goes, and its mode.</summary>
public sealed record BindSpec(string Source, string Destination, string Mode, bool ReadWrite, string? Propagation, bool IsVolume, bool NoCopy);
